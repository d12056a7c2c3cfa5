#include "RoundTripCases.h"

namespace xmltest {

const std::vector<RoundTripCase> &roundTripCases()
{
    static const std::vector<RoundTripCase> cases = {
        {"ec2", "DescribeSecurityGroups",
         R"({"GroupIds": ["sg-0123456789abcdef0", "sg-1"], "DryRun": false, "MaxResults": 5,
         "Filters": [{"Name": "vpc-id", "Values": ["vpc-1", "vpc-2"]}, {"Name": "group-name", "Values": ["db"]}]})",
         R"({"SecurityGroups": [{"GroupId": "sg-0123456789abcdef0", "GroupName": "web", "Description": "web & <db> \"access\"",
         "OwnerId": "123456789012", "VpcId": "vpc-1",
         "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                            "IpRanges": [{"CidrIp": "10.0.0.0/16", "Description": "campus"}],
                            "UserIdGroupPairs": [{"GroupId": "sg-1", "UserId": "123456789012"}],
                            "Ipv6Ranges": [], "PrefixListIds": []}],
         "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
         "Tags": [{"Key": "Name", "Value": "web"}]}],
         "NextToken": "token/+=="})"},
        {"ec2", "AuthorizeSecurityGroupIngress",
         R"({"GroupId": "sg-1", "IpPermissions": [
          {"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
           "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "world"}, {"CidrIp": "10.0.0.0/8"}]},
          {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
           "UserIdGroupPairs": [{"GroupId": "sg-2", "Description": "from the app"}]}],
         "TagSpecifications": [{"ResourceType": "security-group-rule", "Tags": [{"Key": "k", "Value": "v"}]}]})",
         R"({"Return": true, "SecurityGroupRules": [{"SecurityGroupRuleId": "sgr-1", "GroupId": "sg-1",
         "GroupOwnerId": "123456789012", "IsEgress": false, "IpProtocol": "tcp", "FromPort": 80, "ToPort": 80,
         "CidrIpv4": "0.0.0.0/0", "ReferencedGroupInfo": {"GroupId": "sg-2", "UserId": "123456789012"},
         "Tags": [{"Key": "k", "Value": "v"}]}]})"},
        {"rds", "CreateDBInstance",
         R"({"DBInstanceIdentifier": "taskoverflow-db", "DBInstanceClass": "db.t3.micro", "Engine": "postgres",
         "MasterUsername": "postgres", "MasterUserPassword": "pa ss&word=1%", "AllocatedStorage": 20,
         "VpcSecurityGroupIds": ["sg-1", "sg-2"], "PubliclyAccessible": true, "MultiAZ": false,
         "Tags": [{"Key": "app", "Value": "taskoverflow"}], "EnableCloudwatchLogsExports": ["postgresql"]})",
         R"({"DBInstance": {"DBInstanceIdentifier": "taskoverflow-db", "DBInstanceClass": "db.t3.micro",
         "Engine": "postgres", "DBInstanceStatus": "creating", "MasterUsername": "postgres", "AllocatedStorage": 20,
         "InstanceCreateTime": 1700000000.5, "PubliclyAccessible": true, "MultiAZ": false,
         "Endpoint": {"Address": "taskoverflow-db.abc.us-east-1.rds.amazonaws.com", "Port": 5432},
         "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-1", "Status": "active"}],
         "TagList": [{"Key": "app", "Value": "taskoverflow"}], "EnabledCloudwatchLogsExports": ["postgresql"],
         "PendingModifiedValues": {"MasterUserPassword": "****"}}})"},
        {"rds", "DescribeDBInstances",
         R"({"DBInstanceIdentifier": "taskoverflow-db", "MaxRecords": 20, "Marker": "m1",
         "Filters": [{"Name": "engine", "Values": ["postgres", "mysql"]}]})",
         R"({"Marker": "m2", "DBInstances": [
          {"DBInstanceIdentifier": "a", "DBInstanceStatus": "available", "InstanceCreateTime": 1700000000,
           "Endpoint": {"Address": "a.rds.amazonaws.com", "Port": 5432}, "StorageEncrypted": true},
          {"DBInstanceIdentifier": "b", "DBInstanceStatus": "backing-up", "ReadReplicaDBInstanceIdentifiers": []}]})"},
        {"sts", "GetCallerIdentity", R"({})",
         R"({"UserId": "AROAEXAMPLE:student", "Account": "123456789012",
         "Arn": "arn:aws:sts::123456789012:assumed-role/voclabs/student"})"},
    };
    return cases;
}

} // namespace xmltest
