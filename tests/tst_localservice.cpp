// Debugging an agent locally, end to end, against real orkestr-local servers: the dashboard finds
// the user service (or starts it, or falls back to its embedded server), quitting it leaves the
// service's sandboxes running, and "Connect an agent" mints named, scoped tokens with which a
// separate process (curl, plain HTTP as the SDKs speak it) drives a sandbox that the journal
// then attributes to the agent by name.

#include "app/dashboard.h"
#include "server/serverclient.h"
#include "session/activitytimelinemodel.h"
#include "session/agenttokenissuer.h"
#include "session/localservice.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "testserver.h"
#include "ui/activity/activitytab.h"
#include "ui/agent/connectagentdialog.h"
#include "ui/mainwindow.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"
#include "ui/sandboxview/sandboxview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

// The agent: a separate process that speaks plain HTTP with its own token, from its environment.
struct Agent
{
    QUrl base;
    QString token;

    HttpResult send(const QByteArray &method, const QString &path, const QJsonObject &body = {}) const
    {
        QProcess curl;
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"ORKESTR_API_KEY"_s, token);
        curl.setProcessEnvironment(environment);
        QStringList arguments {
            u"-c"_s,
            u"exec curl -sS -X \"$0\" -H \"Authorization: Bearer $ORKESTR_API_KEY\" "
            "-H 'Content-Type: application/json' --data-binary @- -w '\\n%{http_code}' \"$1\""_s,
            QString::fromLatin1(method), base.resolved(QUrl(path)).toString()};
        if (method == "GET")
            arguments[1].replace(u" --data-binary @-"_s, QString());
        curl.start(u"/bin/sh"_s, arguments);
        if (method != "GET")
            curl.write(QJsonDocument(body).toJson(QJsonDocument::Compact));
        curl.closeWriteChannel();
        HttpResult result;
        if (!curl.waitForFinished(60000) || curl.exitCode() != 0) {
            qWarning() << "curl failed:" << curl.readAllStandardError();
            return result;
        }
        const QByteArray output = curl.readAllStandardOutput();
        const qsizetype newline = output.lastIndexOf('\n');
        result.status = output.mid(newline + 1).toInt();
        result.body = output.left(newline);
        result.json = QJsonDocument::fromJson(result.body).object();
        return result;
    }
};

// The names of the token list of a data dir, with their scopes.
QHash<QString, QString> tokenScopes(const QString &dataDir)
{
    QProcess tool;
    tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM), {u"token"_s, u"list"_s, u"--data-dir"_s, dataDir});
    tool.waitForFinished(15000);
    QHash<QString, QString> scopes;
    for (const auto &line :
         QString::fromUtf8(tool.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
        const auto fields = line.split(u"  "_s);
        if (fields.size() >= 5)
            scopes.insert(fields.mid(4).join(u"  "_s), fields.at(2));
    }
    return scopes;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestLocalService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void agentTokenDrivesASandboxUnderItsName();
    void activityShowsTheAgentLiveUnderItsName();
    void readOnlyAgentTokenCannotWrite();
    void dashboardUsesTheRunningServiceAndLeavesItsSandboxes();
    void serviceIsStartedWhenItDoesNotAnswer();
    void embeddedServerWhenTheServiceCannotStart();
    void serviceWithOtherDataIsNotUsed();
    void hangingStartCommandGivesUp();

private:
    void connectAnAgentFromTheMenu(OrkestrDesk::Dashboard *dashboard);
    OrkestrSession::AgentCredentials issue(const QString &name, bool canWrite);
    OrkestrSession::LocalServerTarget serviceTarget() const
    {
        return {QStringLiteral(ORKESTR_LOCAL_PROGRAM), m_serviceData, m_service.url(), true};
    }

    // The "service": a real orkestr-local whose data dir is the XDG default the dashboard uses.
    TestServer m_service;
    QString m_serviceData;
    QHash<QString, QString> m_keychain;
    // The sandbox that the agent "agent-runner" created, wrote to and ran commands in.
    QString m_agentSandbox;
};

void TestLocalService::initTestCase()
{
    m_serviceData = qEnvironmentVariable("XDG_DATA_HOME") + u"/orkestr-local"_s;
    QCOMPARE(OrkestrSession::LocalService::defaultDataDir(), m_serviceData);
    m_service.process->setProgram(QStringLiteral(ORKESTR_LOCAL_PROGRAM));
    m_service.process->setDataDir(m_serviceData);
    QSignalSpy ready(m_service.process.get(), &Orkestr::LocalServerProcess::ready);
    m_service.process->start();
    QVERIFY(OrkestrTest::waitUntil([&] { return !ready.isEmpty(); }, 20000));
}

OrkestrSession::AgentCredentials TestLocalService::issue(const QString &name, bool canWrite)
{
    OrkestrSession::AgentTokenIssuer issuer(serviceTarget());
    issuer.setKeeper(
        [this](const QString &entry, const QString &secret) { m_keychain.insert(entry, secret); });
    QSignalSpy issued(&issuer, &OrkestrSession::AgentTokenIssuer::issued);
    QSignalSpy failed(&issuer, &OrkestrSession::AgentTokenIssuer::failed);
    issuer.issue(name, canWrite);
    if (!OrkestrTest::waitUntil([&] { return !issued.isEmpty() || !failed.isEmpty(); }, 15000)
        || issued.isEmpty()) {
        qWarning() << "no token:" << failed;
        return {};
    }
    return issued.first().first().value<OrkestrSession::AgentCredentials>();
}

void TestLocalService::agentTokenDrivesASandboxUnderItsName()
{
    const auto agent = issue(u"agent-runner"_s, true);
    QVERIFY(agent.token.startsWith(u"ork_"_s));
    QCOMPARE(agent.name, u"agent-runner"_s);
    QVERIFY(agent.canWrite);
    QCOMPARE(m_keychain.value(u"agent/agent-runner"_s), agent.token);
    QCOMPARE(tokenScopes(m_serviceData).value(u"agent-runner"_s), u"sandboxes:read,sandboxes:write"_s);
    // What the dialog shows: only the export line holds the secret.
    QCOMPARE(agent.exportLine(), u"export ORKESTR_API_KEY="_s + agent.token);
    QCOMPARE(agent.baseUrlText(), m_service.url().toString(QUrl::StripTrailingSlash));
    for (const QString &snippet : {agent.javaScriptSnippet(), agent.pythonSnippet()}) {
        QVERIFY(snippet.contains(agent.baseUrlText()));
        QVERIFY(!snippet.contains(agent.token));
    }
    QVERIFY(agent.javaScriptSnippet().contains(u"baseUrl: \""_s));
    QVERIFY(agent.javaScriptSnippet().contains(u"\nconst result = await sbx.exec("_s));
    QVERIFY(agent.pythonSnippet().contains(u"base_url=\""_s));

    // The agent, in its own process with its own token, as the SDK would.
    const Agent process {m_service.url(), agent.token};
    const auto created = process.send("POST", u"/v1/sandboxes"_s, {{u"template"_s, u"python-3.12"_s}});
    QCOMPARE(created.status, 201);
    const QString id = created.json.value(u"id"_s).toString();
    const auto written
        = process.send("PUT", u"/v1/sandboxes/%1/files"_s.arg(id),
                       {{u"path"_s, u"/workspace/notes.txt"_s},
                        {u"encoding"_s, u"base64"_s},
                        {u"content"_s, QString::fromLatin1(QByteArray("from the agent\n").toBase64())}});
    QCOMPARE(written.status, 200);
    const auto ran = process.send("POST", u"/v1/sandboxes/%1/exec"_s.arg(id),
                                  {{u"command"_s, u"cat /workspace/notes.txt"_s}});
    QCOMPARE(ran.status, 200);
    QCOMPARE(ran.json.value(u"stdout"_s).toString(), u"from the agent\n"_s);
    QCOMPARE(process.send("POST", u"/v1/sandboxes/%1/exec"_s.arg(id), {{u"command"_s, u"false"_s}}).status,
             200);

    // The journal, read with the dashboard's token, names the agent as the actor of all of it.
    ServerClient dashboard(m_service);
    const auto events = dashboard.get(u"/v1/sandboxes/%1/events?after_seq=0"_s.arg(id));
    QCOMPARE(events.status, 200);
    QStringList kinds;
    for (const auto &value : events.json.value(u"events"_s).toArray()) {
        const auto event = value.toObject();
        const auto actor = event.value(u"actor"_s).toObject();
        kinds << event.value(u"kind"_s).toString();
        QCOMPARE(actor.value(u"type"_s).toString(), u"token"_s);
        QCOMPARE(actor.value(u"token_name"_s).toString(), u"agent-runner"_s);
        QCOMPARE(actor.value(u"token_prefix"_s).toString(), agent.token.left(8));
    }
    QCOMPARE(kinds,
             (QStringList {u"sandbox.created"_s, u"file.written"_s, u"exec.started"_s, u"exec.finished"_s,
                           u"exec.started"_s, u"exec.finished"_s}));
    // The GUI side of the same check (the Activity tab's rows for this sandbox name the agent)
    // can use the sandbox after this test: m_agentSandbox.
    m_agentSandbox = id;
}

void TestLocalService::activityShowsTheAgentLiveUnderItsName()
{
    using Model = OrkestrSession::ActivityTimelineModel;
    QVERIFY(!m_agentSandbox.isEmpty());
    const QString agentToken = m_keychain.value(u"agent/agent-runner"_s);
    QVERIFY(!agentToken.isEmpty());

    // The dashboard, with its own token, at the agent's sandbox's Activity tab.
    Orkestr::Client client;
    client.setBaseUrl(m_service.url());
    client.setToken(m_service.token());
    OrkestrUi::MainWindow window(&client);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.refreshAccount();
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->sandboxes()->contains(m_agentSandbox), 10000);
    window.openSandbox(m_agentSandbox);
    window.sandboxView()->showPlace(OrkestrUi::SandboxView::Place::Activity);
    auto *tab = window.sandboxView()->activity();
    QVERIFY(tab);
    QTRY_VERIFY_WITH_TIMEOUT(tab->model() && tab->stateText().isEmpty(), 10000);
    const int before = tab->model()->rowCount();
    QVERIFY(before >= 6);

    // The agent acts while the dashboard watches: its rows arrive without a reload.
    const Agent process {m_service.url(), agentToken};
    QCOMPARE(process
                 .send("POST", u"/v1/sandboxes/%1/exec"_s.arg(m_agentSandbox),
                       {{u"command"_s, u"echo live-from-the-agent"_s}})
                 .status,
             200);
    const auto rowWith = [&](const QString &text) {
        for (int row = tab->model()->rowCount() - 1; row >= 0; --row) {
            if (tab->model()->index(row).data(Model::SummaryRole).toString().contains(text))
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(rowWith(u"live-from-the-agent"_s) >= 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(tab->model()->rowCount(), before + 2, 10000);
    // Every row, the earlier ones and the live ones, names the agent's token.
    for (int row = 0; row < tab->model()->rowCount(); ++row)
        QCOMPARE(tab->model()->index(row).data(Model::ActorRole).toString(), u"agent-runner"_s);
    bool wrote = false;
    for (int row = 0; row < tab->model()->rowCount(); ++row) {
        const QModelIndex index = tab->model()->index(row);
        wrote = wrote
            || (index.data(Model::KindRole).toString() == u"file.written"_s
                && index.data(Model::PathRole).toString() == u"/workspace/notes.txt"_s);
    }
    QVERIFY2(wrote, "the agent's file write is a row of the timeline");
}

void TestLocalService::readOnlyAgentTokenCannotWrite()
{
    const auto support = issue(u"support bot"_s, false);
    QVERIFY(support.token.startsWith(u"ork_"_s));
    QVERIFY(!support.canWrite);
    QCOMPARE(m_keychain.value(u"agent/support bot"_s), support.token);
    QCOMPARE(tokenScopes(m_serviceData).value(u"support bot"_s), u"sandboxes:read"_s);
    const Agent process {m_service.url(), support.token};
    QCOMPARE(process.send("GET", u"/v1/sandboxes"_s).status, 200);
    const auto refused = process.send("POST", u"/v1/sandboxes"_s, {{u"template"_s, u"python-3.12"_s}});
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorType(), u"forbidden"_s);
    QCOMPARE(refused.error().value(u"required_scope"_s).toString(), u"sandboxes:write"_s);

    // Names that would be confused with a token's id or prefix, or be empty, are refused.
    OrkestrSession::AgentTokenIssuer issuer(serviceTarget());
    QSignalSpy failed(&issuer, &OrkestrSession::AgentTokenIssuer::failed);
    for (const QString &bad : {u""_s, u"ork_1234"_s, u"tok_x"_s, u"a;rm -rf"_s, QString(65, u'a')})
        issuer.issue(bad, true);
    QCOMPARE(failed.size(), 5);
    QVERIFY(!tokenScopes(m_serviceData).contains(u"ork_1234"_s));
}

void TestLocalService::dashboardUsesTheRunningServiceAndLeavesItsSandboxes()
{
    // A sandbox of the service's, running before the dashboard starts.
    const Agent agent {m_service.url(), issue(u"long-runner"_s, true).token};
    const auto created = agent.send("POST", u"/v1/sandboxes"_s, {{u"template"_s, u"python-3.12"_s}});
    QCOMPARE(created.status, 201);
    const QString id = created.json.value(u"id"_s).toString();

    // orkestr-desk --local-service URL, with the Local profile (the default).
    const OrkestrDesk::ConnectionOptions options;
    QCommandLineParser parser;
    parser.addOptions(options.all());
    QVERIFY(parser.parse({u"orkestr-desk"_s, u"--local-service"_s, m_service.url().toString()}));
    auto dashboard = std::make_unique<OrkestrDesk::Dashboard>(parser, options);
    QSignalSpy ready(dashboard->connections(), &OrkestrUi::ConnectionManager::ready);
    QSignalSpy account(dashboard->window(), &OrkestrUi::MainWindow::accountChanged);
    dashboard->connect();
    QVERIFY(OrkestrTest::waitUntil([&] { return !account.isEmpty(); }, 20000));
    QCOMPARE(ready.size(), 1);
    QVERIFY(!dashboard->connections()->embeddedServer());
    const auto local = dashboard->connections()->localServer();
    QVERIFY(local.service);
    QCOMPARE(local.baseUrl, m_service.url());
    QCOMPARE(local.dataDir, m_serviceData);
    QVERIFY(tokenScopes(m_serviceData).contains(u"orkestr-desk"_s));
    connectAnAgentFromTheMenu(dashboard.get());

    // Quitting the dashboard leaves the service and its sandbox running.
    dashboard.reset();
    QTest::qWait(300);
    QVERIFY(m_service.process->isReady());
    QCOMPARE(::kill(pid_t(m_service.process->processId()), 0), 0);
    const auto after = agent.send("GET", u"/v1/sandboxes/%1"_s.arg(id));
    QCOMPARE(after.status, 200);
    QCOMPARE(after.json.value(u"status"_s).toString(), u"running"_s);
    const auto ran
        = agent.send("POST", u"/v1/sandboxes/%1/exec"_s.arg(id), {{u"command"_s, u"echo alive"_s}});
    QCOMPARE(ran.json.value(u"stdout"_s).toString(), u"alive\n"_s);
}

// File › Connect an agent on the dashboard connected to the service: a read-only token named
// as typed, shown once with Copy buttons, kept in the vault.
void TestLocalService::connectAnAgentFromTheMenu(OrkestrDesk::Dashboard *dashboard)
{
    auto *vault = dashboard->connections()->vault();
    vault->setKeychainEnabled(false);
    auto *action = dashboard->window()->findChild<QAction *>(u"connectAgentAction"_s);
    QVERIFY(action);
    action->trigger();
    auto *dialog = dashboard->window()->findChild<OrkestrUi::ConnectAgentDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    dialog->findChild<QLineEdit *>(u"agentName"_s)->setText(u"desk-agent"_s);
    dialog->findChild<QRadioButton *>(u"agentReadOnly"_s)->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"createAgentToken"_s), Qt::LeftButton);
    QVERIFY(OrkestrTest::waitUntil([&] { return dialog->findChild<QLineEdit *>(u"agentExport"_s); }, 15000));
    const QString exportLine = dialog->findChild<QLineEdit *>(u"agentExport"_s)->text();
    QVERIFY(exportLine.startsWith(u"export ORKESTR_API_KEY=ork_"_s));
    const QString token = exportLine.section(u'=', 1);
    QCOMPARE(dialog->findChild<QLineEdit *>(u"agentBaseUrl"_s)->text(),
             m_service.url().toString(QUrl::StripTrailingSlash));
    QVERIFY(dialog->findChild<QPlainTextEdit *>(u"agentJavaScript"_s)->toPlainText().contains(u"baseUrl"_s));
    QVERIFY(dialog->findChild<QPlainTextEdit *>(u"agentPython"_s)->toPlainText().contains(u"base_url"_s));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"agentExportCopy"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), exportLine);
    dialog->findChild<QTabWidget *>()->setCurrentIndex(1);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"agentPythonCopy"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             dialog->findChild<QPlainTextEdit *>(u"agentPython"_s)->toPlainText());
    QCOMPARE(tokenScopes(m_serviceData).value(u"desk-agent"_s), u"sandboxes:read"_s);
    QSignalSpy read(vault, &OrkestrUi::TokenVault::tokenRead);
    vault->read(OrkestrSession::AgentTokenIssuer::keychainEntry(u"desk-agent"_s));
    QVERIFY(OrkestrTest::waitUntil([&] { return !read.isEmpty(); }, 5000));
    QCOMPARE(read.first().at(1).toString(), token);
    // Shown once: closing the dialog deletes it, and the token with it.
    QPointer<OrkestrUi::ConnectAgentDialog> closed(dialog);
    dialog->close();
    QVERIFY(OrkestrTest::waitUntil([&] { return closed.isNull(); }, 5000));
}

void TestLocalService::serviceIsStartedWhenItDoesNotAnswer()
{
    // The start command stands in for `systemctl --user start`: it starts orkestr-local in the
    // background and returns at once, as systemctl does for a Type=exec unit.
    QTemporaryDir dir;
    const QString data = dir.filePath(u"data"_s);
    const QString pidFile = dir.filePath(u"pid"_s);
    const QUrl url(u"http://127.0.0.1:%1"_s.arg(freePort()));
    OrkestrSession::LocalService service;
    service.setUrl(url);
    service.setDataDir(data);
    service.setProgram(QStringLiteral(ORKESTR_LOCAL_PROGRAM));
    service.setStartCommand(u"/bin/sh"_s,
                            {u"-c"_s,
                             u"\"$0\" --listen 127.0.0.1:%1 --data-dir \"$1\" >/dev/null 2>&1 & "
                             "echo $! >\"$2\""_s.arg(url.port()),
                             QStringLiteral(ORKESTR_LOCAL_PROGRAM), data, pidFile});
    QSignalSpy ready(&service, &OrkestrSession::LocalService::ready);
    QSignalSpy unavailable(&service, &OrkestrSession::LocalService::unavailable);
    service.connectToService();
    QVERIFY(OrkestrTest::waitUntil([&] { return !ready.isEmpty() || !unavailable.isEmpty(); }, 20000));
    QFile pid(pidFile);
    QVERIFY(pid.open(QIODevice::ReadOnly));
    const auto serverPid = pid.readAll().trimmed().toInt();
    QVERIFY(serverPid > 0);
    const auto stop = qScopeGuard([serverPid] { ::kill(serverPid, SIGTERM); });
    QCOMPARE(unavailable.size(), 0);
    QCOMPARE(ready.first().first().toUrl(), url);
    QVERIFY(service.isReady());
    QVERIFY(tokenScopes(data).contains(u"orkestr-desk"_s));
}

void TestLocalService::embeddedServerWhenTheServiceCannotStart()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
    OrkestrUi::ProfileStore profiles(&settings);
    OrkestrUi::TokenVault vault;
    vault.setKeychainEnabled(false);
    Orkestr::Client client;
    OrkestrUi::ConnectionManager connections(&client, &profiles, &vault);
    OrkestrSession::LocalService service;
    service.setUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(freePort())));
    service.setStartCommand(u"/bin/false"_s, {});
    connections.setLocalService(&service);
    QSignalSpy unavailable(&service, &OrkestrSession::LocalService::unavailable);
    QSignalSpy ready(&connections, &OrkestrUi::ConnectionManager::ready);
    connections.connectCurrent();
    QVERIFY(OrkestrTest::waitUntil([&] { return !ready.isEmpty(); }, 20000));
    QCOMPARE(unavailable.size(), 1);
    QVERIFY(connections.embeddedServer());
    QCOMPARE(client.baseUrl(), connections.embeddedServer()->url());
    const auto local = connections.localServer();
    QVERIFY(!local.service);
    QCOMPARE(local.baseUrl, connections.embeddedServer()->url());
}

void TestLocalService::serviceWithOtherDataIsNotUsed()
{
    // An orkestr-local answers, but keeps its tokens elsewhere: the token made here would not
    // work there, so the dashboard does not use it (and falls back to its embedded server).
    QTemporaryDir elsewhere;
    OrkestrSession::LocalService service;
    service.setUrl(m_service.url());
    service.setDataDir(elsewhere.path());
    service.setProgram(QStringLiteral(ORKESTR_LOCAL_PROGRAM));
    QSignalSpy ready(&service, &OrkestrSession::LocalService::ready);
    QSignalSpy unavailable(&service, &OrkestrSession::LocalService::unavailable);
    service.connectToService();
    QVERIFY(OrkestrTest::waitUntil([&] { return !ready.isEmpty() || !unavailable.isEmpty(); }, 20000));
    QCOMPARE(ready.size(), 0);
    QVERIFY(unavailable.first().first().toString().contains(elsewhere.path()));
    QVERIFY(!service.isReady());
}

void TestLocalService::hangingStartCommandGivesUp()
{
    OrkestrSession::LocalService service;
    service.setUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(freePort())));
    service.setStartCommand(u"/bin/sleep"_s, {u"30"_s});
    service.setStartTimeout(500);
    QSignalSpy unavailable(&service, &OrkestrSession::LocalService::unavailable);
    QElapsedTimer clock;
    clock.start();
    service.connectToService();
    QVERIFY(OrkestrTest::waitUntil([&] { return !unavailable.isEmpty(); }, 10000));
    QCOMPARE_LT(clock.elapsed(), 5000);
    QVERIFY(!service.isReady());
}

int main(int argc, char *argv[])
{
    // The dashboard's settings and the service's default data dir in a scratch home.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toLocal8Bit());
    qputenv("XDG_DATA_HOME", home.filePath(u"data"_s).toLocal8Bit());
    // The embedded server is the orkestr-local found on PATH (none is installed beside the test).
    qputenv("PATH",
            QFileInfo(QStringLiteral(ORKESTR_LOCAL_PROGRAM)).absolutePath().toLocal8Bit() + ':'
                + qgetenv("PATH"));
    QApplication app(argc, argv);
    OrkestrDesk::setUpApplication();
    TestLocalService test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_localservice.moc"
