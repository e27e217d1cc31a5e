#include "session/attentionmonitor.h"

#include "core/client.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"

#include <QElapsedTimer>

#include <algorithm>

namespace OrkestrSession {

AttentionMonitor::AttentionMonitor(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &AttentionMonitor::update);
    m_clock.setInterval(std::chrono::seconds(5));
    connect(&m_clock, &QTimer::timeout, this, &AttentionMonitor::update);
    m_clock.start();

    auto schedule = [this] {
        if (!m_coalesce.isActive()) // a restart would put the count off for as long as changes come
            m_coalesce.start();
    };
    auto *store = session->sandboxes();
    connect(store, &SandboxStore::sandboxesAdded, this, schedule);
    connect(store, &SandboxStore::sandboxesChanged, this, schedule);
    connect(store, &SandboxStore::sandboxesRemoved, this, schedule);
    connect(store->poller(), &SandboxPoller::stateChanged, this, schedule);
    connect(session, &Session::accountChanged, this, schedule);
    connect(session, &Session::accountFailed, this, schedule);
    connect(session->client(), &Orkestr::Client::rateLimitChanged, this, schedule);
}

void AttentionMonitor::update()
{
    AttentionSummary summary;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QElapsedTimer counting;
    counting.start();
    m_session->sandboxes()->forEach([&](const Orkestr::Sandbox &sandbox) { summary.count(sandbox, now); });
    // The count looks at every sandbox: with 100,000 of them and changes streaming in, counting
    // after each batch would take the GUI thread whole. The next count waits twenty times as long
    // as this one took (at once for a small list, at most a second).
    m_coalesce.setInterval(int(std::min<qint64>(1000, counting.elapsed() * 20)));
    const auto account = m_session->account();
    summary.quotaFull = m_session->hasAccount() && account.snapshots.cap > 0
        && account.snapshots.used >= account.snapshots.cap;
    const auto state = m_session->sandboxes()->poller()->state();
    summary.rateLimited = m_session->client()->isRateLimited() || state == SandboxPoller::State::RateLimited;
    summary.disconnected
        = state == SandboxPoller::State::Offline || (m_session->hasAccount() && !m_session->isConnected());
    if (summary == m_summary)
        return;
    m_summary = summary;
    Q_EMIT summaryChanged(m_summary);
}

} // namespace OrkestrSession
