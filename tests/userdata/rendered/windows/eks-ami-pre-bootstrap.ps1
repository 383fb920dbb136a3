<powershell>
Write-Output 'before the bootstrap'
</powershell>
