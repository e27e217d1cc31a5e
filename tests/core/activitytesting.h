#pragma once

// What the activity tests (tst_activityjobs, tst_attachexecjob, tst_eventfollower) share.

#include "core/activity.h"
#include "core/client.h"
#include "core/sandboxjobs.h"
#include "jobtesting.h"

#include <QUrl>

namespace ActivityTesting {

inline QList<qint64> seqsOf(const QList<Orkestr::ActivityEvent> &events)
{
    QList<qint64> seqs;
    for (const auto &event : events)
        seqs.append(event.seq);
    return seqs;
}

// from, from + 1, ..., to.
inline QList<qint64> seqRange(qint64 from, qint64 to)
{
    QList<qint64> seqs;
    for (qint64 seq = from; seq <= to; ++seq)
        seqs.append(seq);
    return seqs;
}

// Points the client at a server (a real one, a relay or the fault server).
inline void pointAt(Orkestr::Client *client, const QUrl &url,
                    const QString &token = QStringLiteral("ork_test"))
{
    client->setBaseUrl(url);
    client->setToken(token);
}

// A new ubuntu-24.04 sandbox's id, or empty when the create failed.
inline QString createSandbox(Orkestr::Client *client)
{
    Orkestr::CreateSandboxParams params;
    params.templateName = QStringLiteral("ubuntu-24.04");
    auto *create = client->call<Orkestr::CreateSandboxJob>(params);
    return runToEnd(create, 30000) ? create->sandbox().id : QString();
}

} // namespace ActivityTesting
