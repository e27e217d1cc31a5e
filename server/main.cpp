// orkestr-local: a local implementation of the orkestr v1 sandbox API.
//
//   orkestr-local [--listen 127.0.0.1:8787] [--data-dir DIR] [--plan pro] [--regions fsn1,hel1]
//                 [--rate-limit 6000/min] [--max-running N] [--snapshot-cap N]
//                 [--allow-hosts pypi.org,*.example.com,host:port]
//   orkestr-local token create [--name NAME] [--read-only] [--data-dir DIR]
//   orkestr-local token list [--data-dir DIR]
//   orkestr-local token revoke ID|PREFIX|NAME [--data-dir DIR]

#include "server/activity.h"
#include "server/activityhandlers.h"
#include "server/apiserver.h"
#include "server/catalogue.h"
#include "server/cgrouplimits.h"
#include "server/log.h"
#include "server/memorylimit.h"
#include "server/metricssampler.h"
#include "server/monitorhandlers.h"
#include "server/networkdenials.h"
#include "server/ptyhandler.h"
#include "server/sandboxhandlers.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxruntime.h"
#include "server/sandboxservices.h"
#include "server/sandboxstore.h"
#include "server/tokenstore.h"
#include "server/watchstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

namespace {

void out(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString &text)
{
    qCCritical(lcServer).noquote() << u"orkestr-local: error: %1"_s.arg(text);
    std::exit(1);
}

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/orkestr-local"_s;
}

QString ensureDataDir(const QString &path)
{
    const QString absolute = QDir(path).absolutePath();
    if (!QDir().mkpath(absolute))
        fail(u"cannot create the data directory %1"_s.arg(absolute));
    // Tokens and sandbox files live here: only the owner may enter.
    QFile::setPermissions(absolute, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return absolute;
}

QList<Region> parseRegions(const QString &spec)
{
    static const QHash<QString, QString> known
        = {{u"fsn1"_s, u"Falkenstein, DE"_s}, {u"hel1"_s, u"Helsinki, FI"_s}};
    QList<Region> regions;
    for (const auto &item : spec.split(u',', Qt::SkipEmptyParts)) {
        const auto name = item.section(u'=', 0, 0).trimmed();
        auto location = item.section(u'=', 1).trimmed();
        if (location.isEmpty())
            location = known.value(name, name);
        static const QRegularExpression valid(QRegularExpression::anchoredPattern(u"[a-z0-9-]{1,32}"_s));
        if (!valid.match(name).hasMatch())
            fail(u"invalid region name \"%1\" (lower-case letters, digits and '-')"_s.arg(name));
        regions.append({name, location});
    }
    if (regions.isEmpty())
        fail(u"--regions needs at least one region"_s);
    return regions;
}

int tokenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Manage the API tokens of orkestr-local."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"action"_s, u"create, list or revoke"_s);
    parser.addPositionalArgument(u"which"_s, u"for revoke: the token's id, prefix or name"_s);
    QCommandLineOption dataDirOption(u"data-dir"_s, u"The server's data directory."_s, u"dir"_s,
                                     defaultDataDir());
    QCommandLineOption nameOption(u"name"_s, u"A name for the new token."_s, u"name"_s, u"token"_s);
    QCommandLineOption readOnlyOption(u"read-only"_s, u"Create a token with sandboxes:read only."_s);
    QCommandLineOption replaceOption(u"replace"_s, u"Revoke other tokens of the same name first."_s);
    parser.addOptions({dataDirOption, nameOption, readOnlyOption, replaceOption});
    parser.process(arguments);

    const auto positional = parser.positionalArguments();
    const QString action = positional.value(1);
    TokenStore store(ensureDataDir(parser.value(dataDirOption)));
    QString error;
    if (!store.load(&error))
        fail(error);

    if (action == u"create"_s) {
        if (parser.isSet(replaceOption) && store.revoke(parser.value(nameOption), &error) < 0)
            fail(error);
        const QStringList scopes
            = parser.isSet(readOnlyOption) ? QStringList {u"sandboxes:read"_s} : TokenStore::allScopes();
        const auto secret = store.create(parser.value(nameOption), scopes, &error);
        if (!secret)
            fail(error);
        // The secret alone on stdout, so that scripts can capture it; it is not stored anywhere.
        out(*secret + u'\n');
        return 0;
    }
    if (action == u"list"_s) {
        for (const auto &token : store.tokens())
            out(u"%1  %2  %3  %4  %5\n"_s.arg(token.id, token.prefix, token.scopes.join(u','),
                                              token.createdAt.toString(Qt::ISODate), token.name));
        return 0;
    }
    if (action == u"revoke"_s) {
        const QString which = positional.value(2);
        if (which.isEmpty())
            fail(u"token revoke needs the token's id, prefix or name"_s);
        const int removed = store.revoke(which, &error);
        if (removed < 0)
            fail(error);
        if (removed == 0)
            fail(u"no token matches \"%1\""_s.arg(which));
        out(u"revoked %1 token(s)\n"_s.arg(removed));
        return 0;
    }
    parser.showHelp(2);
}

// SIGTERM and SIGINT end the event loop cleanly (the self-pipe trick: a signal handler may only
// write to a pipe).
int s_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalPipe[1], &byte, 1);
}

void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] { app.quit(); });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    installLogHandler();
    QCoreApplication::setApplicationName(u"orkestr-local"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(ORKESTR_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.value(1) == u"token"_s)
        return tokenCommand(arguments);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"A local server for the orkestr v1 sandbox API."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption listenOption(u"listen"_s,
                                    u"Address and port to listen on (port 0 picks a free one)."_s,
                                    u"host:port"_s, u"127.0.0.1:8787"_s);
    QCommandLineOption dataDirOption(u"data-dir"_s, u"Where tokens, sandboxes and snapshots are kept."_s,
                                     u"dir"_s, defaultDataDir());
    QCommandLineOption planOption(u"plan"_s, u"The account's plan: free, pro or team."_s, u"plan"_s,
                                  u"pro"_s);
    QCommandLineOption regionsOption(u"regions"_s, u"Region labels, e.g. fsn1,hel1,lab=My lab."_s, u"list"_s,
                                     u"fsn1,hel1"_s);
    QCommandLineOption rateLimitOption(u"rate-limit"_s, u"Requests per token: N/s or N/min."_s, u"rate"_s,
                                       u"6000/min"_s);
    QCommandLineOption maxRunningOption(
        u"max-running"_s, u"Override the plan's cap on running sandboxes (e.g. for load tests)."_s, u"n"_s);
    QCommandLineOption snapshotCapOption(u"snapshot-cap"_s, u"Override the plan's snapshot cap."_s, u"n"_s);
    QCommandLineOption maxBodyOption(
        u"max-body-mib"_s, u"The largest request body accepted, in MiB (400: a 256 MiB file as base64)."_s,
        u"n"_s);
    QCommandLineOption allowHostsOption(
        u"allow-hosts"_s,
        u"Hosts that sandboxes with network \"restricted\" may reach through their proxy: a comma-separated "
        "list of host, host:port or *.domain (default: common package registries)."_s,
        u"list"_s, QString::fromLatin1(HostAllowList::DefaultSpec));
    QCommandLineOption cgroupRootOption(
        u"cgroup-root"_s,
        u"A cgroup v2 directory for the sandboxes' memory and cpu limits (needs the memory controller and "
        "write access; default: the server's own cgroup if it qualifies, e.g. with systemd's Delegate=yes; "
        "\"none\": do not use cgroup v2)."_s,
        u"dir"_s);
    QCommandLineOption journalRetentionOption(
        u"journal-retention-hours"_s,
        u"How long a terminated sandbox stays fetchable with its journal and exec records (default 24)."_s,
        u"hours"_s);
    QCommandLineOption outputRetentionOption(
        u"output-retention-mib"_s, u"Exec output kept per sandbox, in MiB (default 256)."_s, u"mib"_s);
    // For bench/bench_server's journaling overhead only: records nothing (no events, exec records
    // or output). Not in --help.
    QCommandLineOption noJournalOption(u"benchmark-without-journal"_s, u"Record no activity."_s);
    noJournalOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // For tests: pty sessions' ping interval (default 15 s). Not in --help.
    QCommandLineOption ptyPingOption(u"pty-ping-seconds"_s, u"Ping pty WebSockets this often."_s, u"s"_s);
    // For tests of the watch only: shorter keepalives, listing and retention (milliseconds).
    QCommandLineOption watchKeepaliveOption(u"watch-keepalive-ms"_s, u"Watch keepalive."_s, u"ms"_s);
    QCommandLineOption listedOption(u"terminated-listed-ms"_s, u"Listed after termination."_s, u"ms"_s);
    QCommandLineOption retentionMsOption(u"retention-ms"_s, u"Fetchable after termination."_s, u"ms"_s);
    for (auto *option : {&ptyPingOption, &watchKeepaliveOption, &listedOption, &retentionMsOption})
        option->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({listenOption, dataDirOption, planOption, regionsOption, rateLimitOption,
                       maxRunningOption, snapshotCapOption, maxBodyOption, allowHostsOption, cgroupRootOption,
                       journalRetentionOption, outputRetentionOption, noJournalOption, ptyPingOption,
                       watchKeepaliveOption, listedOption, retentionMsOption});
    parser.process(app);

    ServerConfig config;
    const QString listen = parser.value(listenOption);
    const auto colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const int port = listen.mid(colon + 1).toInt(&portOk);
    if (colon <= 0 || !portOk || port < 0 || port > 65535)
        fail(u"--listen takes host:port, e.g. 127.0.0.1:8787"_s);
    QString host = listen.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    config.address = host == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (config.address.isNull())
        fail(u"--listen: \"%1\" is not an IP address"_s.arg(host));
    config.port = quint16(port);
    config.plan = parser.value(planOption);
    if (!PlanLimits::plans().contains(config.plan))
        fail(u"--plan must be one of: %1"_s.arg(PlanLimits::plans().join(u", "_s)));
    const auto positiveOption = [&parser](const QCommandLineOption &option) {
        if (!parser.isSet(option))
            return 0;
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < 1 || value > 100000)
            fail(u"--%1 takes a whole number from 1 to 100000"_s.arg(option.names().constFirst()));
        return value;
    };
    config.maxRunningSandboxes = positiveOption(maxRunningOption);
    config.snapshotCap = positiveOption(snapshotCapOption);
    if (const int maxBodyMib = positiveOption(maxBodyOption))
        config.maxBodyBytes = qint64(maxBodyMib) * 1024 * 1024;
    config.journalRetentionHours = positiveOption(journalRetentionOption);
    if (config.journalRetentionHours == 0)
        config.journalRetentionHours = 24;
    config.outputRetentionMib = positiveOption(outputRetentionOption);
    if (config.outputRetentionMib == 0)
        config.outputRetentionMib = 256;
    if (config.outputRetentionMib < 16)
        fail(u"--output-retention-mib must be at least 16 (the last 8 MiB of each stream of an exec)"_s);
    if (const int ptyPing = positiveOption(ptyPingOption))
        config.ptyPingSeconds = std::min(ptyPing, 15);
    config.regions = parseRegions(parser.value(regionsOption));
    config.rateLimit = parser.value(rateLimitOption);
    if (!RateLimiter::parse(config.rateLimit))
        fail(u"--rate-limit takes N/s or N/min, e.g. 600/min"_s);
    config.dataDir = ensureDataDir(parser.value(dataDirOption));
    QString allowError;
    const auto allowedHosts = HostAllowList::parse(parser.value(allowHostsOption), &allowError);
    if (!allowedHosts)
        fail(u"--allow-hosts: %1"_s.arg(allowError));

    TokenStore tokens(config.dataDir);
    QString error;
    if (!tokens.load(&error))
        fail(error);
    if (tokens.isEmpty()) {
        const auto secret = tokens.create(u"default"_s, TokenStore::allScopes(), &error);
        if (!secret)
            fail(error);
        out(u"orkestr-local: created an API token; it is shown only this once, keep it safe:\n"
            "token: %1\n"_s.arg(*secret));
    }
    if (!config.address.isLoopback())
        qCWarning(lcServer) << "orkestr-local: warning: listening on a non-loopback address; anyone who can "
                               "reach it and holds a token can run code on this machine";

    // The server outlives the sandboxes' objects: answers still in flight at exit (exec streams)
    // end while their connections exist.
    ApiServer server(config, &tokens);
    SandboxStore store(config.dataDir);
    // Before the runtime, which releases sandboxes' cgroups when it goes.
    std::unique_ptr<CgroupLimits> cgroups;
    if (parser.value(cgroupRootOption) != u"none"_s)
        cgroups = std::make_unique<CgroupLimits>(parser.value(cgroupRootOption));
    SandboxRuntime runtime(config, store);
    runtime.setAllowedHosts(*allowedHosts);
    runtime.setCgroupLimits(cgroups.get());
    SandboxLifecycle lifecycle(
        PlanLimits::forPlan(config.plan).withOverrides(config.maxRunningSandboxes, config.snapshotCap), store,
        runtime);
    Journal journal;
    if (!journal.open(config.dataDir + u"/journal.sqlite"_s, &error))
        fail(error);
    const auto millisecondsOption = [&parser](const QCommandLineOption &option, qint64 fallback) {
        return parser.isSet(option) ? std::max<qint64>(1, parser.value(option).toLongLong()) : fallback;
    };
    const qint64 retentionMs
        = millisecondsOption(retentionMsOption, qint64(config.journalRetentionHours) * 3600 * 1000);
    store.setRetentionMs(retentionMs);
    store.setListedAfterTerminationMs(millisecondsOption(listedOption, 3600LL * 1000));
    ActivityRecorder activity(journal, store, lifecycle, qint64(config.outputRetentionMib) * 1024 * 1024);
    activity.setEnabled(!parser.isSet(noJournalOption));
    server.setErrorObserver([&activity](const ApiCall &call, int status, const QString &type) {
        activity.requestFailed(call, status, type);
    });
    const SandboxServices services {config, store, runtime, lifecycle, activity};
    {
        // The restart's fix-ups of the records and their events: one commit.
        JournalTransaction restart(journal);
        if (!store.load(journal.database(), &error))
            fail(error);
        activity.recordRestart();
    }
    // Terminated sandboxes past the retention go with their journal.
    const auto prune = [&store, &activity] {
        for (const auto &id : store.pruneTerminated())
            activity.forget(id);
    };
    prune();
    QTimer pruneTimer;
    QObject::connect(&pruneTimer, &QTimer::timeout, prune);
    pruneTimer.start(int(std::min<qint64>(5 * 60 * 1000, retentionMs)));
    // Metrics, processes, the whole-sandbox memory limit and the journal of refused connections.
    MetricsSampler sampler(store, lifecycle);
    MemoryLimit memoryLimit(sampler, store, activity, cgroups.get());
    NetworkDenials networkDenials(runtime, store, activity);
    registerMonitorEndpoints(server, store, sampler, activity);
    sampler.start();
    registerActivityEndpoints(server, store, journal);
    registerAccountEndpoints(server, [&store] { return store.usage(); });
    const auto sandboxEndpoints = registerSandboxEndpoints(server, services);
    const auto ptyEndpoints = registerPtyEndpoints(server, services);
    registerWatchEndpoint(server, store, int(millisecondsOption(watchKeepaliveOption, 15000)));
    if (!server.listen(&error))
        fail(error);
    quitOnSignals(app);
#if defined(__GLIBC__)
    // File bodies are megabytes each; glibc keeps such freed blocks in its heaps (its mmap
    // threshold grows with them), so after a burst of writes the server would stay at its peak.
    // Hand free pages back to the system now and then (cheap when there is nothing to return).
    QTimer trim;
    QObject::connect(&trim, &QTimer::timeout, [] { ::malloc_trim(0); });
    trim.start(2000);
#endif

    const QString shownHost = config.address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(config.address.toString())
        : config.address.toString();
    qCInfo(lcServer).noquote() << u"orkestr-local: plan %1, data in %2"_s.arg(config.plan, config.dataDir);
    qCInfo(lcServer).noquote() << u"orkestr-local: %1"_s.arg(runtime.isolationSummary());
    qCInfo(lcServer).noquote() << u"orkestr-local: listening on http://%1:%2"_s.arg(shownHost).arg(
        server.port());
    return app.exec();
}
