#pragma once

#include "session/attention.h"

#include <QObject>
#include <QTimer>

namespace OrkestrSession {

class Session;

// Keeps the session's AttentionSummary current: it counts again after a burst of store changes
// (once, from the event loop), when the account, the poller's or the client's state changes, and
// every few seconds, since a sandbox enters the last 5 minutes without any change of its own.
class AttentionMonitor : public QObject
{
    Q_OBJECT
public:
    explicit AttentionMonitor(Session *session, QObject *parent = nullptr);

    AttentionSummary summary() const { return m_summary; }
    // Counts now (normally done from the event loop after changes).
    void update();

Q_SIGNALS:
    void summaryChanged(const OrkestrSession::AttentionSummary &summary);

private:
    Session *m_session;
    AttentionSummary m_summary;
    QTimer m_coalesce;
    QTimer m_clock;
};

} // namespace OrkestrSession
