module eks-nodegroup.example/scripts/kubeletconfig

go 1.26
