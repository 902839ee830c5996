# The command line beside a running mock.
alicloud-mock validate scenarios/reference.yaml
alicloud-mock validate scenarios/named-sharing.yaml scenarios/reference.yaml   # merged, as serve merges them
alicloud-mock actions | grep -c .
alicloud-mock health
