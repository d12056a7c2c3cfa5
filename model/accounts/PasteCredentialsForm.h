#pragma once
// The "paste to connect" dialog's logic: understands a Learner Lab block, a
// ~/.aws/credentials section or `export AWS_…=` lines as the student types,
// says what it understood (never the secret), refuses malformed input with
// the reason, and saves + connects on submit.

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include "CredentialsBlockParser.h"

class PasteCredentialsForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(QString accountName READ accountName WRITE setAccountName NOTIFY accountNameChanged)
    /// True when the text is usable credentials.
    Q_PROPERTY(bool valid READ valid NOTIFY parsedChanged)
    /// "Access key ASIA…XYZ, with a session token (Learner Lab)"; "" when invalid.
    Q_PROPERTY(QString summaryText READ summaryText NOTIFY parsedChanged)
    /// Why the text is refused, naming the line; "" when valid or empty.
    Q_PROPERTY(QString errorText READ errorText NOTIFY parsedChanged)
    Q_PROPERTY(bool looksLikeLearnerLab READ looksLikeLearnerLab NOTIFY parsedChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    /// Set when the keyring could not store the secret: what happened and
    /// what to do. The dialog then offers "use for this session only".
    Q_PROPERTY(QString keyringProblem READ keyringProblem NOTIFY keyringProblemChanged)
    /// The last submit's error that is not a keyring problem.
    Q_PROPERTY(QString submitError READ submitError NOTIFY submitErrorChanged)
public:
    explicit PasteCredentialsForm(QObject *parent = nullptr);

    QString text() const { return m_text; }
    void setText(const QString &text);
    QString accountName() const { return m_accountName; }
    void setAccountName(const QString &name);
    bool valid() const { return m_result.ok; }
    QString summaryText() const;
    QString errorText() const;
    bool looksLikeLearnerLab() const { return m_result.ok && m_result.value.looksLikeLearnerLab; }
    bool busy() const { return m_busy; }
    QString keyringProblem() const { return m_keyringProblem; }
    QString submitError() const { return m_submitError; }

    /// Saves to the keyring and connects; `thisSessionOnly` keeps the secret
    /// in memory for this run instead.
    Q_INVOKABLE void submit(bool thisSessionOnly = false);
    /// Forgets the pasted text (e.g. when the dialog closes).
    Q_INVOKABLE void clear();

signals:
    void textChanged();
    void accountNameChanged();
    void parsedChanged();
    void busyChanged();
    void keyringProblemChanged();
    void submitErrorChanged();
    /// Saved (or kept for this run) and connecting.
    void accepted();

private:
    void setBusy(bool b);
    QString m_text;
    QString m_accountName;
    bool m_nameEdited = false;
    aws::auth::PasteResult m_result;
    bool m_busy = false;
    QString m_keyringProblem;
    QString m_submitError;
};
