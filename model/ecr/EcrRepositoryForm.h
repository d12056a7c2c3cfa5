#pragma once
// The "Create repository" form: the name checked as it is typed against
// ECR's rule (the rule always shown), tag mutability, scan on push and
// encryption (AES-256 or KMS, which cannot change later), then one
// CreateRepository call. A failure keeps every value the student typed.

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class EcrRepositoryForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY changed)
    /// Why the name is refused ("" when acceptable or not typed yet).
    Q_PROPERTY(QString nameError READ nameError NOTIFY changed)
    Q_PROPERTY(QString nameRule READ nameRule CONSTANT)
    /// "MUTABLE" or "IMMUTABLE".
    Q_PROPERTY(QString tagMutability READ tagMutability WRITE setTagMutability NOTIFY changed)
    Q_PROPERTY(bool scanOnPush READ scanOnPush WRITE setScanOnPush NOTIFY changed)
    /// "AES256" or "KMS".
    Q_PROPERTY(QString encryption READ encryption WRITE setEncryption NOTIFY changed)
    /// With KMS: a key ARN, id or alias; empty uses the account's aws/ecr key.
    Q_PROPERTY(QString kmsKey READ kmsKey WRITE setKmsKey NOTIFY changed)
    /// Choices for the pickers: lists of {value, text, help}.
    Q_PROPERTY(QVariantList tagMutabilityOptions READ tagMutabilityOptions CONSTANT)
    Q_PROPERTY(QVariantList encryptionOptions READ encryptionOptions CONSTANT)
    /// What the chosen encryption means ("cannot change later").
    Q_PROPERTY(QString encryptionHelp READ encryptionHelp NOTIFY changed)
    Q_PROPERTY(bool valid READ isValid NOTIFY changed)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    /// The last failure in plain words; "" when none.
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
public:
    explicit EcrRepositoryForm(QObject *parent = nullptr);

    /// Sends CreateRepository; created() or error follows.
    Q_INVOKABLE void create();
    /// Empties the form for the next repository.
    Q_INVOKABLE void reset();

    QString name() const { return m_name; }
    void setName(const QString &name);
    QString nameError() const;
    QString nameRule() const;
    QString tagMutability() const { return m_tagMutability; }
    void setTagMutability(const QString &value);
    bool scanOnPush() const { return m_scanOnPush; }
    void setScanOnPush(bool on);
    QString encryption() const { return m_encryption; }
    void setEncryption(const QString &value);
    QString kmsKey() const { return m_kmsKey; }
    void setKmsKey(const QString &key);
    QVariantList tagMutabilityOptions() const;
    QVariantList encryptionOptions() const;
    QString encryptionHelp() const;
    bool isValid() const;
    bool isBusy() const { return m_busy; }
    QString error() const { return m_error; }

    /// The CreateRepository parameters for the current values.
    QJsonObject parameters() const;

signals:
    void changed();
    void busyChanged();
    void errorChanged();
    /// The repository exists now (`uri` without a tag).
    void created(const QString &name, const QString &uri);

private:
    void setError(const QString &text);

    QString m_name;
    QString m_tagMutability = QStringLiteral("MUTABLE");
    bool m_scanOnPush = false;
    QString m_encryption = QStringLiteral("AES256");
    QString m_kmsKey;
    bool m_busy = false;
    QString m_error;
};
