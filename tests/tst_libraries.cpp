// A broken install of the libraries the UI is built on fails here, offscreen.

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>
#include <qtermwidget.h>

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
};

QTEST_MAIN(TestLibraries)
#include "tst_libraries.moc"
