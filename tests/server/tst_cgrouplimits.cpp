// Sandboxes' limits through cgroup v2: finding the server's cgroup (/proc/self/cgroup and
// mountinfo, fixed inputs), and a real orkestr-local given a stand-in hierarchy (a temporary
// directory with the interface files) through --cgroup-root. The kernel's enforcement cannot be
// exercised here (see docs/server.md): the stand-in shows what the server writes and when.

#include "server/cgrouplimits.h"

#include "memoryholders.h"
#include "serverfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cerrno>
#include <unistd.h>

using namespace Qt::StringLiterals;
using MemoryHolders::holdMemory;
using MemoryHolders::holdTwoInBackground;
using namespace OrkestrLocal;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// A directory that looks like a delegated cgroup v2 directory with these controllers.
bool makeStandIn(const QString &dir, const QByteArray &controllers, const QByteArray &procs = {})
{
    return QDir().mkpath(dir) && writeFile(dir + u"/cgroup.controllers"_s, controllers + '\n')
        && writeFile(dir + u"/cgroup.subtree_control"_s, {}) && writeFile(dir + u"/cgroup.procs"_s, procs);
}

QList<qint64> pids(const QByteArray &procs)
{
    QList<qint64> list;
    for (const auto &line : procs.split('\n'))
        if (!line.isEmpty())
            list.append(line.toLongLong());
    return list;
}

QByteArray commandLine(qint64 pid)
{
    return readFile(u"/proc/%1/cmdline"_s.arg(pid)).replace('\0', ' ').trimmed();
}

// A hybrid host (v1 controllers, v2 without them at /sys/fs/cgroup/unified) as the machines here.
constexpr auto HybridCgroup = "12:memory:/user.slice\n"
                              "11:cpu,cpuacct:/user.slice\n"
                              "1:name=systemd:/user.slice/user-1000.slice/orkestr-local.service\n"
                              "0::/user.slice/user-1000.slice/orkestr-local.service\n";
constexpr auto HybridMountinfo
    = "25 30 0:23 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
      "30 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
      "31 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755\n"
      "32 31 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 "
      "rw,nsdelegate\n"
      "35 31 0:31 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup "
      "rw,memory\n";

} // namespace

class TestCgroupLimits : public ServerTestCase
{
    Q_OBJECT
    // A server on a stand-in hierarchy with these controllers, and a sandbox made by request.
    void startWithSandbox(const QString &root, const char *controllers, const QJsonObject &request,
                          QString *id)
    {
        QVERIFY(makeStandIn(root, controllers));
        QVERIFY(startServer({u"--cgroup-root"_s, root}, false));
        *id = m_client->create(request);
        QVERIFY(!id->isEmpty());
    }

private Q_SLOTS:
    // Each server test starts its own server; one that failed halfway leaves it to this.
    void cleanup() { stopServer(); }

    void unifiedPath()
    {
        QCOMPARE(CgroupDetection::unifiedPath(HybridCgroup).value_or(u"-"_s),
                 u"/user.slice/user-1000.slice/orkestr-local.service"_s);
        QCOMPARE(CgroupDetection::unifiedPath("0::/\n").value_or(u"-"_s), u"/"_s);
        // cgroup v1 only: no unified hierarchy.
        QVERIFY(!CgroupDetection::unifiedPath("4:memory:/\n3:cpu:/\n1:name=systemd:/init.scope\n"));
        QVERIFY(!CgroupDetection::unifiedPath(""));
    }

    void cgroup2Mounts()
    {
        const auto hybrid = CgroupDetection::cgroup2Mounts(HybridMountinfo);
        QCOMPARE(hybrid.size(), 1);
        QCOMPARE(hybrid.first().root, u"/"_s);
        QCOMPARE(hybrid.first().mountPoint, u"/sys/fs/cgroup/unified"_s);
        // No optional fields, an escaped space in the mount point, a cgroup namespace's root.
        const auto mounts = CgroupDetection::cgroup2Mounts(
            "40 30 0:40 /user.slice /mnt/my\\040cgroups rw - cgroup2 none rw\n"
            "41 30 0:41 / /proc rw - proc proc rw\n"
            "garbage\n");
        QCOMPARE(mounts.size(), 1);
        QCOMPARE(mounts.first().root, u"/user.slice"_s);
        QCOMPARE(mounts.first().mountPoint, u"/mnt/my cgroups"_s);
        QVERIFY(CgroupDetection::cgroup2Mounts("30 1 8:1 / / rw - ext4 /dev/sda1 rw\n").isEmpty());
    }

    void directoryOf()
    {
        const auto hybrid = CgroupDetection::cgroup2Mounts(HybridMountinfo);
        QCOMPARE(CgroupDetection::directoryOf(u"/user.slice/a.service"_s, hybrid),
                 u"/sys/fs/cgroup/unified/user.slice/a.service"_s);
        QCOMPARE(CgroupDetection::directoryOf(u"/"_s, hybrid), u"/sys/fs/cgroup/unified"_s);
        const QList<CgroupDetection::Mount> below {{u"/user.slice"_s, u"/sys/fs/cgroup"_s}};
        QCOMPARE(CgroupDetection::directoryOf(u"/user.slice/a.service"_s, below),
                 u"/sys/fs/cgroup/a.service"_s);
        QCOMPARE(CgroupDetection::directoryOf(u"/user.slice"_s, below), u"/sys/fs/cgroup"_s);
        // Not shown by that mount (a sibling whose name shares the prefix, or elsewhere).
        QCOMPARE(CgroupDetection::directoryOf(u"/user.slice2/a.service"_s, below), QString());
        QCOMPARE(CgroupDetection::directoryOf(u"/system.slice"_s, below), QString());
        QCOMPARE(CgroupDetection::directoryOf(u"/a"_s, {}), QString());
        // The last mount that shows the path wins (mounted over the earlier one).
        const QList<CgroupDetection::Mount> two {{u"/"_s, u"/first"_s}, {u"/"_s, u"/second"_s}};
        QCOMPARE(CgroupDetection::directoryOf(u"/a"_s, two), u"/second/a"_s);
    }

    // Only leaves hold processes: a root that holds some (the server's own cgroup) gets a leaf
    // "server" the server moves to, then the controllers are enabled for the children.
    void setUpMovesTheServerIntoALeaf()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + u"/delegated"_s;
        QVERIFY(makeStandIn(root, "cpuset cpu io memory pids", QByteArray::number(::getpid()) + '\n'));
        CgroupLimits limits(root);
        QVERIFY2(limits.usable(), qPrintable(limits.summary()));
        QVERIFY(limits.limitsCpu());
        QCOMPARE(pids(readFile(root + u"/server/cgroup.procs"_s)), QList<qint64> {::getpid()});
        QCOMPARE(readFile(root + u"/cgroup.subtree_control"_s), "+memory +cpu");
        QCOMPARE(readFile(root + u"/sandboxes/cgroup.subtree_control"_s), "+memory +cpu");
        QCOMPARE(limits.sandboxesDir(), root + u"/sandboxes"_s);
        // With swap accounting the kernel makes memory.swap.max: no swap for sandboxes.
        QVERIFY(QDir().mkpath(root + u"/sandboxes/sb_1"_s));
        QVERIFY(writeFile(root + u"/sandboxes/sb_1/memory.swap.max"_s, "max\n"));
        QVERIFY(limits.prepare(u"sb_1"_s, 64, 0.25));
        QCOMPARE(readFile(root + u"/sandboxes/sb_1/memory.swap.max"_s), "0");
        QCOMPARE(readFile(root + u"/sandboxes/sb_1/memory.max"_s), QByteArray::number(64 * 1024 * 1024));
        QCOMPARE(readFile(root + u"/sandboxes/sb_1/cpu.max"_s), "25000 100000");
        QVERIFY(!limits.limits(u"sb_1"_s));
        QVERIFY(limits.procsFile(u"sb_1"_s).isEmpty()); // until its init joined
        QVERIFY(limits.attach(u"sb_1"_s, ::getpid()));
        QVERIFY(limits.limits(u"sb_1"_s));
        QCOMPARE(limits.procsFile(u"sb_1"_s), QFile::encodeName(root + u"/sandboxes/sb_1/cgroup.procs"_s));
        QCOMPARE(pids(readFile(root + u"/sandboxes/sb_1/cgroup.procs"_s)).constFirst(), qint64(::getpid()));
        limits.release(u"sb_1"_s);
        QVERIFY(!limits.limits(u"sb_1"_s));
        QVERIFY(limits.procsFile(u"sb_1"_s).isEmpty());

        // Without the cpu controller: memory only.
        const QString memoryOnly = dir.path() + u"/memory-only"_s;
        QVERIFY(makeStandIn(memoryOnly, "memory pids"));
        CgroupLimits memory(memoryOnly);
        QVERIFY(memory.usable());
        QVERIFY(!memory.limitsCpu());
        QVERIFY(!QFileInfo::exists(memoryOnly + u"/server"_s)); // it held no process
        QCOMPARE(readFile(memoryOnly + u"/sandboxes/cgroup.subtree_control"_s), "+memory");
        QVERIFY(memory.prepare(u"sb_1"_s, 100, 2.0));
        QVERIFY(!QFileInfo::exists(memoryOnly + u"/sandboxes/sb_1/cpu.max"_s));
    }

    void unusableRootsFallBack()
    {
        QTemporaryDir dir;
        const QString noMemory = dir.path() + u"/no-memory"_s;
        QVERIFY(makeStandIn(noMemory, "cpu io pids"));
        CgroupLimits withoutMemory(noMemory);
        QVERIFY(!withoutMemory.usable());
        QVERIFY2(withoutMemory.summary().contains(u"no memory controller"_s),
                 qPrintable(withoutMemory.summary()));
        QVERIFY(!withoutMemory.prepare(u"sb_1"_s, 100, 1.0));
        QVERIFY(withoutMemory.procsFile(u"sb_1"_s).isEmpty());
        QVERIFY(!QFileInfo::exists(noMemory + u"/sandboxes"_s));

        // Shared with another process (the dashboard that started the server): not the server's.
        const QString shared = dir.path() + u"/shared"_s;
        QVERIFY(makeStandIn(shared, "cpu memory", QByteArray::number(::getpid()) + "\n4242\n"));
        CgroupLimits sharedLimits(shared);
        QVERIFY(!sharedLimits.usable());
        QVERIFY2(sharedLimits.summary().contains(u"other processes"_s), qPrintable(sharedLimits.summary()));
        QVERIFY(!QFileInfo::exists(shared + u"/server"_s));
        QVERIFY(!QFileInfo::exists(shared + u"/sandboxes"_s));
        QCOMPARE(readFile(shared + u"/cgroup.subtree_control"_s), QByteArray());

        CgroupLimits missing(dir.path() + u"/absent"_s);
        QVERIFY(!missing.usable());

        // Not writable: the interface file is on a read-only file system (the build root binds
        // /sys read-only; the server runs as root, so permission bits would not stop it).
        const QString readOnlyFile = u"/sys/kernel/uevent_seqnum"_s;
        if (::access(QFile::encodeName(readOnlyFile).constData(), W_OK) == 0 || errno != EROFS)
            QSKIP("/sys is writable here: no read-only file to stand in with");
        const QString readOnly = dir.path() + u"/read-only"_s;
        QVERIFY(makeStandIn(readOnly, "cpu memory"));
        QVERIFY(QFile::remove(readOnly + u"/cgroup.subtree_control"_s));
        QVERIFY(QFile::link(readOnlyFile, readOnly + u"/cgroup.subtree_control"_s));
        CgroupLimits notWritable(readOnly);
        QVERIFY(!notWritable.usable());
        QVERIFY2(notWritable.summary().contains(u"not writable"_s), qPrintable(notWritable.summary()));
    }

    // A real server: creating a sandbox makes its cgroup with the limits and its init in it,
    // commands join it, and the end of the sandbox removes it.
    void sandboxGetsItsCgroup()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + u"/delegated"_s;
        QString id;
        startWithSandbox(root, "cpu memory pids",
                         {{u"template"_s, u"python-3.12"_s}, {u"memory_mb"_s, 300}, {u"cpu"_s, 1.5}}, &id);
        if (QTest::currentTestFailed())
            return;
        const QString cgroup = root + u"/sandboxes/"_s + id;
        QCOMPARE(readFile(cgroup + u"/memory.max"_s), QByteArray::number(300LL * 1024 * 1024));
        QCOMPARE(readFile(cgroup + u"/cpu.max"_s), "150000 100000");
        // No memory.swap.max in the stand-in (as without swap accounting): none is written.
        QVERIFY(!QFileInfo::exists(cgroup + u"/memory.swap.max"_s));
        // The init: bwrap as the namespace's PID 1, and the command it started.
        const auto initPids = pids(readFile(cgroup + u"/cgroup.procs"_s));
        QCOMPARE(initPids.size(), 2);
        QVERIFY2(commandLine(initPids.first()).startsWith("/usr/bin/bwrap "),
                 commandLine(initPids.first()).constData());
        QCOMPARE(commandLine(initPids.last()), "sleep infinity");

        // A command joins the cgroup before it runs (its pid is nsenter's, which starts it).
        const auto result = m_client->exec(id, u"echo ran"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(u"stdout"_s).toString(), u"ran\n"_s);
        const auto afterExec = pids(readFile(cgroup + u"/cgroup.procs"_s));
        QCOMPARE(afterExec.size(), 3);
        QCOMPARE(afterExec.mid(0, 2), initPids);
        QVERIFY(!initPids.contains(afterExec.last()));

        // The kernel drops a cgroup's interface files with it; in the stand-in the test does, so
        // that the server's rmdir can succeed.
        for (const auto &name : {u"memory.max"_s, u"cpu.max"_s, u"cgroup.procs"_s})
            QVERIFY(QFile::remove(cgroup + u'/' + name));
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(cgroup), 10000);
        QVERIFY(QFileInfo::exists(root + u"/sandboxes"_s));
        stopServer();
    }

    // A command that dies of SIGKILL while the cgroup's oom_kill count rises ends killed with
    // reason memory_limit; one killed otherwise says only the signal. The test plays the kernel.
    void oomKillIsReportedAsMemoryLimit()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + u"/delegated"_s;
        QString id;
        startWithSandbox(root, "cpu memory", {{u"template"_s, u"python-3.12"_s}}, &id);
        if (QTest::currentTestFailed())
            return;
        const QString cgroup = root + u"/sandboxes/"_s + id;
        QVERIFY(writeFile(cgroup + u"/memory.events"_s, "low 0\nhigh 0\nmax 3\noom 1\noom_kill 0\n"));

        const auto plain = m_client->exec(id, u"kill -9 $$"_s);
        QCOMPARE(plain.status, 422);
        QCOMPARE(plain.errorType(), u"exec_killed"_s);
        QCOMPARE(plain.error().value(u"signal"_s).toInt(), 9);
        QVERIFY(!plain.error().contains(u"reason"_s));

        const qsizetype joined = pids(readFile(cgroup + u"/cgroup.procs"_s)).size();
        std::unique_ptr<QNetworkReply> reply(m_client->start(
            "POST", u"/v1/sandboxes/%1/exec"_s.arg(id),
            QJsonObject {{u"command"_s, u"sleep 2; kill -9 $$"_s}, {u"timeout_seconds"_s, 30}}));
        // Once the command has joined the cgroup, its count to compare with has been read.
        QTRY_COMPARE_WITH_TIMEOUT(pids(readFile(cgroup + u"/cgroup.procs"_s)).size(), joined + 1, 10000);
        QVERIFY(writeFile(cgroup + u"/memory.events"_s, "low 0\nhigh 0\nmax 9\noom 2\noom_kill 1\n"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        const auto killed = ServerClient::result(*reply);
        reply.reset(); // before its network access manager goes with the client
        QCOMPARE(killed.status, 422);
        QCOMPARE(killed.errorType(), u"exec_killed"_s);
        QCOMPARE(killed.error().value(u"signal"_s).toInt(), 9);
        QCOMPARE(killed.error().value(u"reason"_s).toString(), u"memory_limit"_s);
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
        stopServer();
    }

    // With memory.max in force the sampler's whole-sandbox kill is the kernel's business: processes
    // together over memory_mb are left alone (the stand-in has no kernel behind it).
    void kernelLimitReplacesTheSampler()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + u"/delegated"_s;
        QString id;
        startWithSandbox(root, "cpu memory", {{u"template"_s, u"python-3.12"_s}, {u"memory_mb"_s, 256}}, &id);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_client->exec(id, holdTwoInBackground(100, 30)).status, 200);
        // The sampler reads every 2 s: without cgroups this one is killed (tst_server_monitor).
        const auto held = m_client->exec(id, holdMemory(150, 8), 60);
        QCOMPARE(held.status, 200);
        QCOMPARE(held.json.value(u"exit_code"_s).toInt(-1), 0);
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
        stopServer();
    }

    // A root the server cannot use: sandboxes start and run under the fallback limits.
    void unusableRootStartsSandboxesWithoutCgroups()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + u"/delegated"_s;
        QVERIFY(makeStandIn(root, "cpu io"));
        QVERIFY(startServer({u"--cgroup-root"_s, root}));
        QCOMPARE(m_client->exec(m_id, u"echo ran"_s).json.value(u"stdout"_s).toString(), u"ran\n"_s);
        QVERIFY(!QFileInfo::exists(root + u"/sandboxes"_s));
        QCOMPARE(readFile(root + u"/cgroup.procs"_s), QByteArray());
        stopServer();
    }
};

QTEST_GUILESS_MAIN(TestCgroupLimits)
#include "tst_cgrouplimits.moc"
