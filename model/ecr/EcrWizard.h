#pragma once
// The Images area as one object for QML: the repository list, the create
// form, the push job, which page shows ("repositories", "create", "push",
// "commands") and the push commands text. Steps are decided here; QML
// only shows the page this names.

#include "EcrPushJob.h"
#include "EcrRepositoryForm.h"
#include "EcrRepositoryModel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class EcrWizard : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(EcrRepositoryModel *repositories READ repositories CONSTANT)
    Q_PROPERTY(EcrRepositoryForm *createForm READ createForm CONSTANT)
    Q_PROPERTY(EcrPushJob *push READ push CONSTANT)
    /// "repositories", "create", "push" or "commands".
    Q_PROPERTY(QString page READ page NOTIFY pageChanged)
    /// The same page as an index, in that order (for a StackLayout).
    Q_PROPERTY(int pageIndex READ pageIndex NOTIFY pageChanged)
    /// The repository the push commands are for.
    Q_PROPERTY(QString commandsRepository READ commandsRepository NOTIFY pageChanged)
    /// The push commands, one per line, as the ECR console shows them.
    Q_PROPERTY(QStringList commandLines READ commandLines NOTIFY pageChanged)
    /// The same, as one text to copy.
    Q_PROPERTY(QString commandsText READ commandsText NOTIFY pageChanged)
    /// What each command line does, in the same order.
    Q_PROPERTY(QStringList commandHelp READ commandHelp CONSTANT)
public:
    explicit EcrWizard(QObject *parent = nullptr);

    Q_INVOKABLE void showRepositories();
    Q_INVOKABLE void showCreate();
    /// The push page, with `repository` chosen when given.
    Q_INVOKABLE void showPush(const QString &repository = {});
    Q_INVOKABLE void showPushCommands(const QString &repository);

    EcrRepositoryModel *repositories() const { return m_repositories; }
    EcrRepositoryForm *createForm() const { return m_form; }
    EcrPushJob *push() const { return m_push; }
    QString page() const { return m_page; }
    int pageIndex() const;
    QString commandsRepository() const { return m_commandsRepository; }
    QStringList commandLines() const;
    QString commandsText() const { return commandLines().join(u'\n'); }
    QStringList commandHelp() const;

signals:
    void pageChanged();
    /// "Use in task definition" with the pushed image's URI.
    void useImageRequested(const QString &uri);

private:
    void setPage(const QString &page);
    void shareRepositories();

    EcrRepositoryModel *m_repositories;
    EcrRepositoryForm *m_form;
    EcrPushJob *m_push;
    QString m_page = QStringLiteral("repositories");
    QString m_commandsRepository;
};
