#!/usr/bin/env python3
"""The same work as bench_core, done by botocore (Debian's python3-botocore):
SigV4 signing, serializing RegisterTaskDefinition, parsing the 1,000-interface
DescribeNetworkInterfaces XML and the 100-task DescribeTasks JSON.
Prints one line per benchmark: name, microseconds per operation."""
import datetime
import json
import os
import sys
import time
import timeit

sys.path.insert(0, "/usr/lib/python3/dist-packages")
import botocore.session  # noqa: E402
from botocore.auth import SigV4Auth  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402
from botocore import parsers, serialize  # noqa: E402

fixtures = sys.argv[1]
session = botocore.session.get_session()
loader = session.get_component("data_loader")
ecs = botocore.model.ServiceModel(loader.load_service_model("ecs", "service-2"), "ecs")
ec2 = botocore.model.ServiceModel(loader.load_service_model("ec2", "service-2"), "ec2")


def per_op_us(fn, min_time=1.0):
    # CPU time, as bench_core reports ours (its cpu_time column): wall time
    # would count the time other processes take from us on a shared machine,
    # and flatter the ratio whenever the machine is busy.
    n = 1
    while True:
        t = timeit.timeit(fn, number=n, timer=time.process_time)
        if t >= min_time:
            return t / n * 1e6
        n *= 2


creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example")
body = b'{"cluster":"taskoverflow","tasks":["arn:aws:ecs:us-east-1:123456789012:task/taskoverflow/0123"]}'


def sign():
    req = AWSRequest(method="POST", url="https://ecs.us-east-1.amazonaws.com/", data=body,
                     headers={"Content-Type": "application/x-amz-json-1.1",
                              "X-Amz-Target": "AmazonEC2ContainerServiceV20141113.DescribeTasks"})
    SigV4Auth(creds, "ecs", "us-east-1").add_auth(req)


rtd_params = json.load(open(os.path.join(fixtures, "register-task-definition-input.json")))
json_serializer = serialize.create_serializer("json", include_validation=True)
rtd_op = ecs.operation_model("RegisterTaskDefinition")


def serialize_rtd():
    json_serializer.serialize_to_request(rtd_params, rtd_op)


eni_body = open(os.path.join(fixtures, "describe-network-interfaces-1000.xml"), "rb").read()
eni_op = ec2.operation_model("DescribeNetworkInterfaces")
ec2_parser = parsers.create_parser("ec2")


def parse_enis():
    ec2_parser.parse({"status_code": 200, "headers": {}, "body": eni_body}, eni_op.output_shape)


tasks_body = open(os.path.join(fixtures, "describe-tasks-100.json"), "rb").read()
tasks_op = ecs.operation_model("DescribeTasks")
json_parser = parsers.create_parser("json")


def parse_tasks():
    json_parser.parse({"status_code": 200, "headers": {}, "body": tasks_body}, tasks_op.output_shape)


for name, fn in [("sign", sign), ("serialize_register_task_definition", serialize_rtd),
                 ("parse_describe_network_interfaces_1000", parse_enis), ("parse_describe_tasks_100", parse_tasks)]:
    print(f"{name}\t{per_op_us(fn):.2f}")
