#pragma once
// The connected account, live: one inventory engine per session client and
// the models the inventory pages show. Follows the session (a new account
// or the sandbox replaces the engine; fresh credentials resume it) and
// pauses while the window is minimised.

#include "InventoryModels.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <memory>

class Session;
class QQmlEngine;
class QJSEngine;

class LiveAccount : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(InventoryModels *models READ models CONSTANT)
    Q_PROPERTY(InventoryEngine *engine READ engine NOTIFY engineChanged)
    /// Set from the window: true while it is minimised (no polling then).
    Q_PROPERTY(bool windowHidden READ windowHidden WRITE setWindowHidden NOTIFY windowHiddenChanged)
public:
    explicit LiveAccount(Session *session, QObject *parent = nullptr);
    ~LiveAccount() override;

    static void setInstance(LiveAccount *live);
    static LiveAccount *create(QQmlEngine *, QJSEngine *);

    InventoryModels *models() { return &m_models; }
    InventoryEngine *engine() const { return m_engine.get(); }
    bool windowHidden() const { return m_windowHidden; }
    void setWindowHidden(bool hidden);

signals:
    void engineChanged();
    void windowHiddenChanged();

private:
    void rebuild();

    Session *m_session;
    InventoryModels m_models;
    std::unique_ptr<InventoryEngine> m_engine;
    bool m_windowHidden = false;
};
