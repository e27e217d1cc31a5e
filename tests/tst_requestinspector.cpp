// The request inspector against a real orkestr-local: every request listed, filterable, and
// "copy as curl" without the token.

#include "core/accountjob.h"
#include "core/client.h"
#include "testserver.h"
#include "ui/inspector/requestinspector.h"
#include "ui/inspector/requestlogmodel.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QTableView>

using namespace Qt::StringLiterals;
using OrkestrUi::RequestInspector;
using OrkestrUi::RequestLogModel;

class TestRequestInspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsFiltersAndCopiesWithoutToken()
    {
        TestServer server;
        QVERIFY(server.start());
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        RequestInspector inspector(&client);
        QAbstractItemModelTester sourceTester(inspector.model(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(inspector.filterModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        inspector.show();

        auto run = [&](const QString &token) {
            auto *job = client.call<Orkestr::GetAccountJob>();
            job->setToken(token);
            QSignalSpy done(job, &Orkestr::Job::finished);
            QVERIFY(done.wait(10000));
        };
        run(server.token());
        run(u"ork_wrongwrongwrongwrongwrongwrongwrong00"_s);
        QCOMPARE(inspector.model()->rowCount(), 2);
        const auto ok = inspector.model()->entry(0);
        QCOMPARE(ok.httpStatus, 200);
        QVERIFY(ok.requestId.startsWith(u"req_"_s));
        QCOMPARE(inspector.model()->index(1, RequestLogModel::StatusColumn).data().toString(),
                 u"401 unauthorized"_s);

        inspector.setFilterText(u"401"_s);
        QCOMPARE(inspector.filterModel()->rowCount(), 1);
        inspector.setFilterText({});
        QCOMPARE(inspector.filterModel()->rowCount(), 2);

        inspector.view()->selectRow(0);
        const QString curl = inspector.selectedCurl();
        QVERIFY(curl.contains(u"$ORKESTR_API_KEY"_s));
        QVERIFY(!curl.contains(server.token()));
        QVERIFY(curl.contains(server.url().toString() + u"/v1/account"_s));

        // The command works as it is, with the token from the environment.
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"ORKESTR_API_KEY"_s, server.token());
        shell.setProcessEnvironment(environment);
        shell.start(u"/bin/sh"_s, {u"-c"_s, curl});
        QVERIFY(shell.waitForFinished(10000));
        QVERIFY(shell.readAllStandardOutput().contains("\"account_id\""));
    }

    void boundedAndCurlForQueries()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLimit(3);
        for (int i = 0; i < 5; ++i) {
            Orkestr::RequestLogEntry entry;
            entry.method = "GET";
            entry.path = u"/v1/sandboxes"_s;
            entry.query = u"status=running&cursor=%1"_s.arg(i);
            model.append(entry);
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.entry(0).query, u"status=running&cursor=2"_s);
        Orkestr::RequestLogEntry remove;
        remove.method = "DELETE";
        remove.path = u"/v1/sandboxes/sbx_1"_s;
        QCOMPARE(
            RequestLogModel::curlCommand(QUrl(u"https://api.orkestr.eu"_s), remove),
            u"curl -sS -X DELETE -H \"Authorization: Bearer $ORKESTR_API_KEY\" 'https://api.orkestr.eu/v1/sandboxes/sbx_1'"_s);
    }
};

QTEST_MAIN(TestRequestInspector)
#include "tst_requestinspector.moc"
