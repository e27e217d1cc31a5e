#pragma once

// Starts a real orkestr-local for a test, on a free loopback port with a temporary data dir.

#include "core/localserverprocess.h"
#include "eventwait.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

struct TestServer
{
    QTemporaryDir dataDir;
    std::unique_ptr<Orkestr::LocalServerProcess> process = std::make_unique<Orkestr::LocalServerProcess>();

    // Returns false (and logs why) when the server did not come up in time.
    bool start(const QStringList &extraArguments = {})
    {
        process->setProgram(QStringLiteral(ORKESTR_LOCAL_PROGRAM));
        process->setDataDir(dataDir.path());
        process->setExtraArguments(extraArguments);
        QSignalSpy ready(process.get(), &Orkestr::LocalServerProcess::ready);
        QSignalSpy failed(process.get(), &Orkestr::LocalServerProcess::failed);
        process->start();
        if (!OrkestrTest::waitUntil([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 20000)) {
            qWarning() << "orkestr-local did not start within 20 s";
            return false;
        }
        if (!failed.isEmpty()) {
            qWarning() << "orkestr-local failed:" << failed.first().first().toString();
            return false;
        }
        return true;
    }
    QUrl url() const { return process->url(); }
    QString token() const { return process->token(); }
};
