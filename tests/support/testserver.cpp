#include "testserver.h"

#include <QDebug>
#include <QSignalSpy>

bool TestServer::start(const QStringList &extraArguments)
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
