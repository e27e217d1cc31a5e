#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace OrkestrLocal {

class ActivityRecorder;
class SandboxRuntime;
class SandboxStore;
struct Sandbox;

// Journals each connection the proxy of a restricted sandbox refuses as network.denied, with the
// exec whose process opened it: the owner of the refused client socket, found through the
// sandbox's /proc (its TCP table, then its processes' descriptors). Written before the client
// gets its 403.
//
// An agent that retries in a loop would fill the journal: the same host and port is journaled at
// most once per RepeatWindowMs per sandbox, and a sandbox at most MaxPerWindow times per window;
// the refusals left out are counted in the next network.denied of that host and port
// ("suppressed").
class NetworkDenials : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 RepeatWindowMs = 10000;
    static constexpr int MaxPerWindow = 20;

    NetworkDenials(SandboxRuntime &runtime, SandboxStore &store, ActivityRecorder &activity,
                   QObject *parent = nullptr);

    // The exec whose process holds the sandbox's client socket from clientPort to its proxy, or
    // (not found) the only exec running; empty when neither tells.
    static QString execOfConnection(const Sandbox &sandbox, quint16 clientPort);

private:
    void denied(const QString &id, const QString &host, quint16 port, quint16 clientPort);

    SandboxStore &m_store;
    ActivityRecorder &m_activity;
    struct Repeat
    {
        QElapsedTimer since; // the last journaled one
        int suppressed = 0;
    };
    struct Window
    {
        QElapsedTimer started;
        int journaled = 0;
        QHash<QString, Repeat> repeats; // by "host:port"
    };
    QHash<QString, Window> m_windows; // by sandbox
};

} // namespace OrkestrLocal
