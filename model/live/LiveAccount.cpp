#include "LiveAccount.h"

#include "Session.h"

#include <QJSEngine>

namespace {
LiveAccount *s_instance = nullptr;
}

LiveAccount::LiveAccount(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(session, &Session::clientChanged, this, &LiveAccount::rebuild);
    connect(session, &Session::credentialsRestored, this, [this] {
        if (m_engine)
            m_engine->resume();
    });
    rebuild();
}

LiveAccount::~LiveAccount()
{
    // The models hold a QPointer to the engine; detach before it goes.
    m_models.setEngine(nullptr);
}

void LiveAccount::setInstance(LiveAccount *live)
{
    s_instance = live;
}

LiveAccount *LiveAccount::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "LiveAccount::create",
               "main() must call LiveAccount::setInstance before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void LiveAccount::setWindowHidden(bool hidden)
{
    if (m_windowHidden == hidden)
        return;
    m_windowHidden = hidden;
    if (m_engine)
        m_engine->setPaused(hidden);
    emit windowHiddenChanged();
}

void LiveAccount::rebuild()
{
    m_models.setEngine(nullptr);
    m_engine.reset();
    if (m_session->client()) {
        m_engine = std::make_unique<InventoryEngine>(m_session->client());
        m_engine->setPaused(m_windowHidden);
        m_models.setEngine(m_engine.get());
        m_engine->start();
    }
    emit engineChanged();
}
