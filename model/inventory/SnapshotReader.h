#pragma once
// Turns AWS outputs (botocore member names, timestamps as epoch seconds) into
// snapshot records. Pure functions, so each is testable on its own.

#include "InventorySnapshot.h"

#include <QJsonObject>

namespace inventory::read {

QList<Vpc> vpcs(const QJsonObject &describeVpcs);
QList<Subnet> subnets(const QJsonObject &describeSubnets);
QList<SecurityGroup> securityGroups(const QJsonObject &describeSecurityGroups);
QList<DbInstance> databases(const QJsonObject &describeDbInstances);
QList<Repository> repositories(const QJsonObject &describeRepositories);
QList<Image> images(const QJsonObject &describeImages);
QList<Cluster> clusters(const QJsonObject &describeClusters);
QList<Service> services(const QJsonObject &describeServices);
QList<Task> tasks(const QJsonObject &describeTasks);
TaskDefinition taskDefinition(const QJsonObject &describeTaskDefinition);
QList<LogGroup> logGroups(const QJsonObject &describeLogGroups);
/// networkInterfaceId → public IP, from DescribeNetworkInterfaces.
QHash<QString, QString> publicIps(const QJsonObject &describeNetworkInterfaces);
QDateTime time(const QJsonValue &epochSeconds);

} // namespace inventory::read
