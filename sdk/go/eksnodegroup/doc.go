// Amazon EKS managed node groups on your own EC2 launch templates, with every misplaced setting caught at pulumi preview.
package eksnodegroup
