#include "PasteCredentialsForm.h"

#include "AccountStore.h"
#include "Accounts.h"

#include <QPointer>

PasteCredentialsForm::PasteCredentialsForm(QObject *parent)
    : QObject(parent)
{}

void PasteCredentialsForm::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_result = aws::auth::CredentialsBlockParser::parse(m_text);
    if (!m_nameEdited && m_result.ok) {
        const QString suggested = m_result.value.looksLikeLearnerLab
                                      ? QStringLiteral("learner-lab")
                                      : (m_result.value.profileName.isEmpty() ? QStringLiteral("my-account")
                                                                              : m_result.value.profileName);
        if (suggested != m_accountName) {
            m_accountName = suggested;
            emit accountNameChanged();
        }
    }
    if (!m_keyringProblem.isEmpty()) {
        m_keyringProblem.clear();
        emit keyringProblemChanged();
    }
    emit textChanged();
    emit parsedChanged();
}

void PasteCredentialsForm::setAccountName(const QString &name)
{
    if (name == m_accountName)
        return;
    m_accountName = name;
    m_nameEdited = true;
    emit accountNameChanged();
}

QString PasteCredentialsForm::summaryText() const
{
    return m_result.ok ? m_result.value.summary().text() : QString();
}

QString PasteCredentialsForm::errorText() const
{
    if (m_result.ok || m_text.trimmed().isEmpty())
        return {};
    return m_result.error.message;
}

void PasteCredentialsForm::setBusy(bool b)
{
    if (b != m_busy) {
        m_busy = b;
        emit busyChanged();
    }
}

void PasteCredentialsForm::submit(bool thisSessionOnly)
{
    m_submitError.clear();
    emit submitErrorChanged();
    if (!m_result.ok) {
        m_submitError = errorText().isEmpty() ? tr("Paste the credentials first.") : errorText();
        emit submitErrorChanged();
        return;
    }
    QString why;
    if (!aws::auth::AccountStore::isValidName(m_accountName, &why)) {
        m_submitError = why;
        emit submitErrorChanged();
        return;
    }
    Accounts *accounts = Accounts::instance();
    if (!accounts) {
        m_submitError = tr("Accounts are not available in this window.");
        emit submitErrorChanged();
        return;
    }
    setBusy(true);
    QPointer<PasteCredentialsForm> self(this);
    accounts->importPasted(m_result.value, m_accountName, m_result.value.region, thisSessionOnly,
                           [self](bool ok, bool keyringProblem, const QString &message) {
                               if (!self)
                                   return;
                               self->setBusy(false);
                               if (ok) {
                                   self->clear();
                                   emit self->accepted();
                                   return;
                               }
                               if (keyringProblem) {
                                   self->m_keyringProblem = message;
                                   emit self->keyringProblemChanged();
                               } else {
                                   self->m_submitError = message;
                                   emit self->submitErrorChanged();
                               }
                           });
}

void PasteCredentialsForm::clear()
{
    // The pasted secret should not outlive the dialog.
    m_text.fill(u' ');
    m_text.clear();
    m_result = {};
    m_nameEdited = false;
    emit textChanged();
    emit parsedChanged();
}
