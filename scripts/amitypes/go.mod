module eks-nodegroup.local/amitypes

go 1.26
