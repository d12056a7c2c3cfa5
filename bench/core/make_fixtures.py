#!/usr/bin/env python3
"""Writes the payloads the core benchmarks use (ours and botocore's read the
same files): a 1,000-interface DescribeNetworkInterfaces XML response, a
100-task DescribeTasks JSON response, a RegisterTaskDefinition input."""
import json
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

items = []
for i in range(1000):
    items.append(f"""<item>
  <networkInterfaceId>eni-{i:017x}</networkInterfaceId>
  <subnetId>subnet-0123456789abcdef0</subnetId>
  <vpcId>vpc-0123456789abcdef0</vpcId>
  <availabilityZone>us-east-1a</availabilityZone>
  <description>arn:aws:ecs:us-east-1:123456789012:attachment/{i:08x}-1111-2222-3333-444455556666</description>
  <ownerId>123456789012</ownerId>
  <requesterId>578734482556</requesterId>
  <requesterManaged>true</requesterManaged>
  <status>in-use</status>
  <macAddress>12:34:56:78:{i % 256:02x}:9a</macAddress>
  <privateIpAddress>172.31.{i // 256}.{i % 256}</privateIpAddress>
  <privateDnsName>ip-172-31-{i // 256}-{i % 256}.ec2.internal</privateDnsName>
  <sourceDestCheck>true</sourceDestCheck>
  <groupSet><item><groupId>sg-0123456789abcdef0</groupId><groupName>taskoverflow</groupName></item></groupSet>
  <attachment><attachmentId>ela-attach-{i:08x}</attachmentId><deviceIndex>1</deviceIndex><status>attached</status><attachTime>2024-03-01T12:00:00.000Z</attachTime><deleteOnTermination>false</deleteOnTermination></attachment>
  <association><publicIp>3.{i // 256}.{i % 256}.7</publicIp><publicDnsName>ec2-3-0-0-7.compute-1.amazonaws.com</publicDnsName><ipOwnerId>amazon</ipOwnerId></association>
  <tagSet/>
  <privateIpAddressesSet><item><privateIpAddress>172.31.{i // 256}.{i % 256}</privateIpAddress><primary>true</primary></item></privateIpAddressesSet>
  <ipv6AddressesSet/>
  <interfaceType>interface</interfaceType>
</item>""")
xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
       '<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId><networkInterfaceSet>' + "".join(items) +
       '</networkInterfaceSet></DescribeNetworkInterfacesResponse>')
with open(os.path.join(out, "describe-network-interfaces-1000.xml"), "w") as f:
    f.write(xml)

tasks = []
for i in range(100):
    tid = f"{i:032x}"
    tasks.append({
        "attachments": [{"id": f"att-{i}", "type": "ElasticNetworkInterface", "status": "ATTACHED",
                         "details": [{"name": "subnetId", "value": "subnet-0123456789abcdef0"},
                                     {"name": "networkInterfaceId", "value": f"eni-{i:017x}"},
                                     {"name": "macAddress", "value": "12:34:56:78:9a:bc"},
                                     {"name": "privateDnsName", "value": "ip-172-31-0-1.ec2.internal"},
                                     {"name": "privateIPv4Address", "value": f"172.31.0.{i}"}]}],
        "attributes": [{"name": "ecs.cpu-architecture", "value": "x86_64"}],
        "availabilityZone": "us-east-1a",
        "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/taskoverflow",
        "connectivity": "CONNECTED", "connectivityAt": 1709294400.123,
        "containers": [{"containerArn": f"arn:aws:ecs:us-east-1:123456789012:container/taskoverflow/{tid}/c1",
                        "taskArn": f"arn:aws:ecs:us-east-1:123456789012:task/taskoverflow/{tid}",
                        "name": "todo", "image": "ghcr.io/csse6400/taskoverflow:latest",
                        "runtimeId": f"{tid}-1234567890", "lastStatus": "RUNNING",
                        "networkBindings": [], "networkInterfaces": [{"attachmentId": f"att-{i}", "privateIpv4Address": f"172.31.0.{i}"}],
                        "healthStatus": "UNKNOWN", "cpu": "1024", "memory": "2048"}],
        "cpu": "1024", "createdAt": 1709294390.5, "desiredStatus": "RUNNING", "enableExecuteCommand": False,
        "group": "service:taskoverflow", "healthStatus": "UNKNOWN", "lastStatus": "RUNNING", "launchType": "FARGATE",
        "memory": "2048", "overrides": {"containerOverrides": [{"name": "todo"}], "inferenceAcceleratorOverrides": []},
        "platformVersion": "1.4.0", "platformFamily": "Linux", "pullStartedAt": 1709294395.0, "pullStoppedAt": 1709294399.0,
        "startedAt": 1709294401.0, "startedBy": "ecs-svc/1234567890123456789",
        "tags": [], "taskArn": f"arn:aws:ecs:us-east-1:123456789012:task/taskoverflow/{tid}",
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/taskoverflow:1", "version": 3,
        "ephemeralStorage": {"sizeInGiB": 20}})
with open(os.path.join(out, "describe-tasks-100.json"), "w") as f:
    json.dump({"tasks": tasks, "failures": []}, f)

rtd = {
    "family": "taskoverflow", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
    "cpu": "1024", "memory": "2048",
    "executionRoleArn": "arn:aws:iam::123456789012:role/LabRole",
    "taskRoleArn": "arn:aws:iam::123456789012:role/LabRole",
    "containerDefinitions": [{
        "name": "todo", "image": "ghcr.io/csse6400/taskoverflow:latest", "cpu": 1024, "memory": 2048,
        "essential": True, "portMappings": [{"containerPort": 6400, "hostPort": 6400, "protocol": "tcp"}],
        "environment": [{"name": "SQLALCHEMY_DATABASE_URI",
                         "value": "postgresql://administrator:foobarbaz@taskoverflow.abcdefghijkl.us-east-1.rds.amazonaws.com:5432/todo"}],
        "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/taskoverflow/todo",
                             "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ecs", "awslogs-create-group": "true"}},
        "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:6400/ || exit 1"], "interval": 30,
                        "timeout": 5, "retries": 3, "startPeriod": 10}}],
    "tags": [{"key": "deploy-console:stack", "value": "taskoverflow"}],
}
with open(os.path.join(out, "register-task-definition-input.json"), "w") as f:
    json.dump(rtd, f)
