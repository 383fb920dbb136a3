<powershell>
[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\Amazon\EKS\Start-EKSBootstrap.ps1"
& $EKSBootstrapScriptFile -EKSClusterName 'prod' -Base64ClusterCA 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJmekNDQVNXZ0F3SUJBZ0lVYXVTOHZSSVhOV24zWElHRTlTL3UxRmFjSDJ3d0NnWUlLb1pJemowRUF3SXcKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=' -APIServerEndpoint 'https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com' -DNSClusterIP '10.96.0.10' -ServiceCIDR '10.96.0.0/16' 3>&1 4>&1 5>&1 6>&1
</powershell>
