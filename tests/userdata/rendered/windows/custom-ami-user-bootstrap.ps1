<powershell>
& "$env:ProgramFiles\Amazon\EKS\Start-EKSBootstrap.ps1" -EKSClusterName prod -APIServerEndpoint $Endpoint -Base64ClusterCA $CA -DNSClusterIP 10.100.0.10
</powershell>
