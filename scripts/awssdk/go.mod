module eks-nodegroup.example/scripts/awssdk

go 1.26
