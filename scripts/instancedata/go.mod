module eks-nodegroup.local/instancedata

go 1.26
