// A broken install of the libraries the UI is built on fails here, offscreen.

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>
#include <qtermwidget.h>

#include <QChartView>
#include <QLineSeries>

#include <QApplication>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLibraries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void syntaxRepositoryHasDefinitions()
    {
        KSyntaxHighlighting::Repository repository;
        QVERIFY(repository.definitions().size() > 100);
        QCOMPARE(repository.definitionForFileName(u"main.py"_s).name(), u"Python"_s);
        QCOMPARE(repository.definitionForFileName(u"server.js"_s).name(), u"JavaScript"_s);
        QVERIFY(repository.defaultTheme(KSyntaxHighlighting::Repository::DarkTheme).isValid());
        QVERIFY(repository.defaultTheme(KSyntaxHighlighting::Repository::LightTheme).isValid());
    }

    void terminalWidgetConstructsWithoutShell()
    {
        // 0: do not start a local shell; the terminal is fed from the exec stream instead.
        QTermWidget terminal(0);
        terminal.resize(640, 400);
        terminal.show();
        QVERIFY(QTest::qWaitForWindowExposed(&terminal));
        QVERIFY(!terminal.availableColorSchemes().isEmpty());
        QVERIFY(terminal.screenColumnsCount() > 0);
    }

    void chartsDrawALine()
    {
        // Qt Charts (the Metrics tab): a line series rendered offscreen puts colour in the plot.
        auto *series = new QLineSeries;
        series->append(0, 0);
        series->append(10, 10);
        series->setPen(QPen(Qt::red, 4));
        QChartView view;
        view.chart()->addSeries(series);
        view.chart()->createDefaultAxes();
        view.chart()->legend()->hide();
        view.resize(320, 240);
        const QImage image = view.grab().toImage();
        bool red = false;
        for (int y = 0; y < image.height() && !red; ++y) {
            for (int x = 0; x < image.width() && !red; ++x) {
                const QColor c = image.pixelColor(x, y);
                red = c.red() > 200 && c.green() < 60 && c.blue() < 60;
            }
        }
        QVERIFY(red);
    }
};

QTEST_MAIN(TestLibraries)
#include "tst_libraries.moc"
