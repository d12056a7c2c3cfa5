#pragma once
// What the account offers the wizard fields: PostgreSQL engine versions and
// the instance classes orderable for the chosen one, IAM roles, the default
// VPC's subnets, security groups, ECR images, clusters, task definitions and
// databases. Read once per connection (refresh() again on demand), then
// handed to the forms as FieldState choices. Lists are shown as choices, never
// enforced: a value typed by hand is still checked by the form's own rules.

#include "AccountDefaults.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVariantList>

class WizardForm;
class DatabaseForm;

class FormChoices : public QObject {
    Q_OBJECT
public:
    explicit FormChoices(QObject *parent = nullptr);

    /// Forgets the old account's lists; nothing is read until refresh().
    void setClient(aws::AwsClient *client);
    /// Reads everything again; emits changed() as each list arrives.
    void refresh();
    /// The orderable classes depend on the version: asked again when it changes.
    void loadInstanceClasses(const QString &engineVersion);

    bool loading() const { return m_pending > 0; }
    QString error() const { return m_error; }
    const plan::AccountDefaults &defaults() const { return m_defaults; }
    /// {value, label} maps for one kind: "engineVersions", "instanceClasses", "roles",
    /// "vpcs", "subnets", "securityGroups", "images", "clusters", "taskDefinitions", "databases".
    QVariantList list(const QString &kind) const { return m_lists.value(kind); }
    /// `host` of the database with this identifier ("" while creating or unknown).
    QString databaseEndpoint(const QString &identifier) const;

signals:
    void changed();

private:
    void call(const QString &service, const QString &operation, const QJsonObject &params,
              std::function<void(const QJsonObject &)> then);
    void set(const QString &kind, const QVariantList &list);

    QPointer<aws::AwsClient> m_client;
    plan::AccountDefaults m_defaults;
    QHash<QString, QVariantList> m_lists;
    QHash<QString, QString> m_endpoints;
    int m_pending = 0;
    quint64 m_generation = 0;
    QString m_error;
};
