#pragma once

#include "core/activity.h"
#include "session/ansisgr.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>

namespace OrkestrSession {

// The pieces of the self-contained HTML activity report (ActivityExport), written one after
// another as the data arrives: the head with its inline style, one table row per event, then one
// section per exec with its output. Everything from the sandbox is escaped; the report loads
// nothing from anywhere (no scripts, links, images or fonts).
class ActivityHtml
{
    Q_DECLARE_TR_FUNCTIONS(OrkestrSession::ActivityHtml)
public:
    static QByteArray begin(const QString &sandboxId, const QDateTime &exportedAt);
    static QByteArray eventRow(const Orkestr::ActivityEvent &event, const QString &command);
    static QByteArray endTimeline(qint64 events, qint64 execs);
    static QByteArray beginExec(const Orkestr::ExecRecord &record, const QStringList &envKeys);
    // Output in styled runs; stderr is marked as such.
    static QByteArray output(const QList<AnsiRun> &runs, bool isStderr);
    static QByteArray outputGap(const QString &stream, qint64 bytes);
    // How the exec ended, or that it still ran when the report was made.
    static QByteArray endExec(const QString &ending);
    static QByteArray end();

private:
    static QString escaped(const QString &text);
    static QString time(const QDateTime &at);
};

} // namespace OrkestrSession
