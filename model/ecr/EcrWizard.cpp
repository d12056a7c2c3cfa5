#include "EcrWizard.h"

#include "EcrTexts.h"
#include "Session.h"

#include <QRegularExpression>

EcrWizard::EcrWizard(QObject *parent)
    : QObject(parent)
    , m_repositories(new EcrRepositoryModel(this))
    , m_form(new EcrRepositoryForm(this))
    , m_push(new EcrPushJob(this))
{
    connect(m_form, &EcrRepositoryForm::created, this, [this](const QString &name) {
        m_repositories->setSelectedName(name);
        m_repositories->refresh();
        m_form->reset();
        setPage(QStringLiteral("repositories"));
    });
    connect(m_push, &EcrPushJob::pushed, this, [this](const QString &repository) {
        m_repositories->setSelectedName(repository);
        m_repositories->refresh();
    });
    connect(m_push, &EcrPushJob::useImageRequested, this, &EcrWizard::useImageRequested);
    connect(m_repositories, &EcrRepositoryModel::refreshed, this, &EcrWizard::shareRepositories);
    if (Session *session = Session::instance())
        connect(session, &Session::identityChanged, this,
                &EcrWizard::pageChanged); // account id in the commands
}

void EcrWizard::shareRepositories()
{
    m_push->setKnownRepositories(m_repositories->uris());
}

void EcrWizard::setPage(const QString &page)
{
    if (page == m_page)
        return;
    m_page = page;
    emit pageChanged();
}

int EcrWizard::pageIndex() const
{
    static const QStringList pages{QStringLiteral("repositories"), QStringLiteral("create"),
                                   QStringLiteral("push"), QStringLiteral("commands")};
    return int(pages.indexOf(m_page));
}

void EcrWizard::showRepositories()
{
    setPage(QStringLiteral("repositories"));
}

void EcrWizard::showCreate()
{
    setPage(QStringLiteral("create"));
}

void EcrWizard::showPush(const QString &repository)
{
    if (!repository.isEmpty() && m_push->state() != QLatin1String("pushing"))
        m_push->setRepository(repository);
    setPage(QStringLiteral("push"));
}

void EcrWizard::showPushCommands(const QString &repository)
{
    m_commandsRepository = repository;
    setPage(QStringLiteral("commands"));
    emit pageChanged(); // another repository on the same page
}

QStringList EcrWizard::commandLines() const
{
    if (m_commandsRepository.isEmpty())
        return {};
    Session *session = Session::instance();
    QString account = session ? session->accountId() : QString();
    QString region = session ? session->region() : QString();
    // The repository's own URI names the registry exactly (account and region).
    const QString uri = m_repositories->uris().value(m_commandsRepository);
    const QRegularExpression host(QStringLiteral("^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/"));
    if (const auto m = host.match(uri); m.hasMatch()) {
        account = m.captured(1);
        region = m.captured(2);
    }
    return ecr::pushCommands(account, region, m_commandsRepository);
}

QStringList EcrWizard::commandHelp() const
{
    return {tr("1. Log Docker in to your registry (the AWS CLI fetches a 12-hour password):"),
            tr("2. Build your image from the Dockerfile in the current folder:"),
            tr("3. Tag it with the repository's address:"), tr("4. Push it:")};
}
