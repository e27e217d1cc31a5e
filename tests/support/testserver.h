#pragma once

// Starts a real orkestr-local for a test, on a free loopback port with a temporary data dir.

#include "core/localserverprocess.h"
#include "eventwait.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

struct TestServer
{
    QTemporaryDir dataDir;
    std::unique_ptr<Orkestr::LocalServerProcess> process = std::make_unique<Orkestr::LocalServerProcess>();

    // Returns false (and logs why) when the server did not come up in time.
    bool start(const QStringList &extraArguments = {});
    QUrl url() const { return process->url(); }
    QString token() const { return process->token(); }
};
