#include "EcrRepositoryForm.h"

#include "AwsClient.h"
#include "EcrTexts.h"
#include "Session.h"

#include <QJsonObject>

EcrRepositoryForm::EcrRepositoryForm(QObject *parent)
    : QObject(parent)
{}

void EcrRepositoryForm::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    emit changed();
}

QString EcrRepositoryForm::nameError() const
{
    return m_name.isEmpty() ? QString() : ecr::checkRepositoryName(m_name);
}

QString EcrRepositoryForm::nameRule() const
{
    return ecr::repositoryNameRule();
}

void EcrRepositoryForm::setTagMutability(const QString &value)
{
    if (value == m_tagMutability ||
        (value != QLatin1String("MUTABLE") && value != QLatin1String("IMMUTABLE")))
        return;
    m_tagMutability = value;
    emit changed();
}

void EcrRepositoryForm::setScanOnPush(bool on)
{
    if (on == m_scanOnPush)
        return;
    m_scanOnPush = on;
    emit changed();
}

void EcrRepositoryForm::setEncryption(const QString &value)
{
    if (value == m_encryption || (value != QLatin1String("AES256") && value != QLatin1String("KMS")))
        return;
    m_encryption = value;
    emit changed();
}

void EcrRepositoryForm::setKmsKey(const QString &key)
{
    if (key == m_kmsKey)
        return;
    m_kmsKey = key;
    emit changed();
}

QVariantList EcrRepositoryForm::tagMutabilityOptions() const
{
    return {
        QVariantMap{
            {QStringLiteral("value"), QStringLiteral("MUTABLE")},
            {QStringLiteral("text"), tr("Mutable")},
            {QStringLiteral("help"), tr("A tag such as latest can be pushed again and moves to the newer "
                                        "image (what most classes expect).")}},
        QVariantMap{{QStringLiteral("value"), QStringLiteral("IMMUTABLE")},
                    {QStringLiteral("text"), tr("Immutable")},
                    {QStringLiteral("help"), tr("Once pushed, a tag always names the same image; pushing it "
                                                "again is refused.")}},
    };
}

QVariantList EcrRepositoryForm::encryptionOptions() const
{
    return {
        QVariantMap{{QStringLiteral("value"), QStringLiteral("AES256")},
                    {QStringLiteral("text"), tr("AES-256 (Amazon S3-managed keys)")}},
        QVariantMap{{QStringLiteral("value"), QStringLiteral("KMS")},
                    {QStringLiteral("text"), tr("AWS KMS")}},
    };
}

QString EcrRepositoryForm::encryptionHelp() const
{
    if (m_encryption == QLatin1String("KMS"))
        return tr("Images are encrypted with a KMS key (leave the key empty for the account's aws/ecr key). "
                  "Encryption cannot be changed once the repository exists.");
    return tr("Images are encrypted at rest with AES-256, at no cost. Encryption cannot be changed once the "
              "repository exists.");
}

bool EcrRepositoryForm::isValid() const
{
    return ecr::checkRepositoryName(m_name).isEmpty();
}

QJsonObject EcrRepositoryForm::parameters() const
{
    QJsonObject encryption{{QStringLiteral("encryptionType"), m_encryption}};
    if (m_encryption == QLatin1String("KMS") && !m_kmsKey.trimmed().isEmpty())
        encryption.insert(QStringLiteral("kmsKey"), m_kmsKey.trimmed());
    return {{QStringLiteral("repositoryName"), m_name},
            {QStringLiteral("imageTagMutability"), m_tagMutability},
            {QStringLiteral("imageScanningConfiguration"),
             QJsonObject{{QStringLiteral("scanOnPush"), m_scanOnPush}}},
            {QStringLiteral("encryptionConfiguration"), encryption}};
}

void EcrRepositoryForm::create()
{
    if (m_busy)
        return;
    if (!isValid()) {
        setError(ecr::checkRepositoryName(m_name));
        return;
    }
    Session *session = Session::instance();
    aws::AwsClient *aws = session ? session->client() : nullptr;
    if (!aws) {
        setError(tr("Not connected: connect an account or start the sandbox, then press Create again."));
        return;
    }
    setError({});
    m_busy = true;
    emit busyChanged();
    const QString name = m_name;
    aws->call(QStringLiteral("ecr"), QStringLiteral("CreateRepository"), parameters(), this,
              [this, name](const aws::Outcome &o) {
                  m_busy = false;
                  emit busyChanged();
                  if (!o.ok()) {
                      setError(ecr::explainAwsError(*o.error, tr("create the repository %1").arg(name)));
                      return;
                  }
                  emit created(name,
                               o.output.value(u"repository").toObject().value(u"repositoryUri").toString());
              });
}

void EcrRepositoryForm::reset()
{
    m_name.clear();
    m_tagMutability = QStringLiteral("MUTABLE");
    m_scanOnPush = false;
    m_encryption = QStringLiteral("AES256");
    m_kmsKey.clear();
    setError({});
    emit changed();
}

void EcrRepositoryForm::setError(const QString &text)
{
    if (text == m_error)
        return;
    m_error = text;
    emit errorChanged();
}
