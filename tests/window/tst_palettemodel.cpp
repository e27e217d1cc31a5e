// The command palette finds actions by name and sandboxes by id and metadata; the model passes
// QAbstractItemModelTester, and the popup acts on Enter.

#include "ui/help/shortcutsdialog.h"
#include "ui/palette/commandpalette.h"
#include "ui/palette/palettemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrUi::PaletteModel;

namespace {

Orkestr::Sandbox sandbox(const QString &id, const QString &templateName, QMap<QString, QString> metadata,
                         int minutesAgo)
{
    Orkestr::Sandbox s;
    s.id = id;
    s.templateName = templateName;
    s.region = u"fsn1"_s;
    s.status = Orkestr::Sandbox::Status::Running;
    s.statusText = u"running"_s;
    s.metadata = std::move(metadata);
    s.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    return s;
}

QStringList titles(const PaletteModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        result.append(index.data(PaletteModel::KindRole).value<PaletteModel::Kind>()
                              == PaletteModel::Kind::Sandbox
                          ? index.data(PaletteModel::SandboxIdRole).toString()
                          : index.data(Qt::DisplayRole).toString().section(u"    "_s, 0, 0));
    }
    return result;
}

} // namespace

class TestPaletteModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_sandboxes = {
            sandbox(u"sbx_01AAAAAAAAAAAAAAAAAAAAAAAA"_s, u"python-3.12"_s, {{u"agent_run"_s, u"r_42"_s}}, 30),
            sandbox(u"sbx_01BBBBBBBBBBBBBBBBBBBBBBBB"_s, u"node-22"_s, {{u"agent_run"_s, u"r_7"_s}}, 20),
            sandbox(u"sbx_01CCCCCCCCCCCCCCCCCCCCCCCC"_s, u"python-3.12"_s, {{u"team"_s, u"aaa"_s}}, 10),
        };
    }

    void findsActionsByNameWithoutAccelerators()
    {
        QAction pause(u"&Pause"_s);
        QAction terminate(u"&Terminate…"_s);
        QAction disabled(u"Pause all"_s);
        disabled.setEnabled(false);
        PaletteModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setActions({&pause, &terminate, &disabled});
        model.setQuery(u"pau"_s);
        QCOMPARE(titles(model), QStringList {u"Pause"_s});
        model.setQuery(u"term"_s);
        QCOMPARE(titles(model), QStringList {u"Terminate"_s});
        model.setQuery({});
        QCOMPARE(titles(model), (QStringList {u"Pause"_s, u"Terminate"_s}));
    }

    void findsSandboxesByIdAndMetadata()
    {
        PaletteModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSandboxSource([this](const auto &visit) {
            for (const auto &s : std::as_const(m_sandboxes))
                visit(s);
        });
        model.setQuery(u"agent_run=r_42"_s);
        QCOMPARE(titles(model), QStringList {u"sbx_01AAAAAAAAAAAAAAAAAAAAAAAA"_s});
        // Every word must match.
        model.setQuery(u"python r_7"_s);
        QVERIFY(titles(model).isEmpty());
        // An id prefix ranks first; the rest newest first ("aaa" is in the third's metadata and in
        // the first's id, but not at its start).
        model.setQuery(u"01AAA"_s);
        QCOMPARE(titles(model), QStringList {u"sbx_01AAAAAAAAAAAAAAAAAAAAAAAA"_s});
        model.setQuery(u"aaa"_s);
        QCOMPARE(titles(model),
                 (QStringList {u"sbx_01CCCCCCCCCCCCCCCCCCCCCCCC"_s, u"sbx_01AAAAAAAAAAAAAAAAAAAAAAAA"_s}));
        model.setQuery(u"PYTHON"_s);
        QCOMPARE(titles(model),
                 (QStringList {u"sbx_01CCCCCCCCCCCCCCCCCCCCCCCC"_s, u"sbx_01AAAAAAAAAAAAAAAAAAAAAAAA"_s}));
        // With nothing typed the palette lists actions only, not 10,000 sandboxes.
        model.setQuery({});
        QCOMPARE(model.rowCount(), 0);
    }

    void limitsTheResults()
    {
        PaletteModel model;
        model.setLimit(5);
        model.setSandboxSource([](const auto &visit) {
            for (int i = 0; i < 100; ++i)
                visit(sandbox(u"sbx_%1"_s.arg(i, 26, 10, QLatin1Char('0')), u"node-22"_s, {}, i));
        });
        model.setQuery(u"node"_s);
        QCOMPARE(model.rowCount(), 5);
    }

    void enterOpensTheSandboxAndTriggersActions()
    {
        QMainWindow window;
        window.resize(1000, 700);
        QAction refresh(u"&Refresh"_s, &window);
        QSignalSpy triggered(&refresh, &QAction::triggered);
        OrkestrUi::CommandPalette palette(&window);
        palette.model()->setActions({&refresh});
        palette.model()->setSandboxSource([this](const auto &visit) {
            for (const auto &s : std::as_const(m_sandboxes))
                visit(s);
        });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy chosen(&palette, &OrkestrUi::CommandPalette::sandboxChosen);
        palette.popup();
        QVERIFY(palette.isVisible());
        QTest::keyClicks(palette.searchField(), u"r_7"_s);
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), u"sbx_01BBBBBBBBBBBBBBBBBBBBBBBB"_s);
        QVERIFY(!palette.isVisible());

        palette.popup();
        QTest::keyClicks(palette.searchField(), u"refr"_s);
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QCOMPARE(triggered.size(), 1);

        palette.popup();
        QTest::keyClick(palette.searchField(), Qt::Key_Escape);
        QVERIFY(!palette.isVisible());
    }

    void downMovesTheSelection()
    {
        QMainWindow window;
        OrkestrUi::CommandPalette palette(&window);
        palette.model()->setSandboxSource([this](const auto &visit) {
            for (const auto &s : std::as_const(m_sandboxes))
                visit(s);
        });
        window.show();
        palette.popup();
        QSignalSpy chosen(&palette, &OrkestrUi::CommandPalette::sandboxChosen);
        QTest::keyClicks(palette.searchField(), u"python"_s);
        QTest::keyClick(palette.searchField(), Qt::Key_Down);
        QTest::keyClick(palette.searchField(), Qt::Key_Return);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.at(0).at(0).toString(), u"sbx_01AAAAAAAAAAAAAAAAAAAAAAAA"_s);
    }

    void shortcutsDialogListsTheWindowsActions()
    {
        QMainWindow window;
        auto *palette = new QAction(u"Command &palette…"_s, &window);
        palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
        auto *none = new QAction(u"No shortcut"_s, &window);
        Q_UNUSED(none);
        OrkestrUi::ShortcutsDialog dialog(&window);
        const QStringList rows = dialog.rows();
        QVERIFY2(rows.contains(u"Command palette\t"_s
                               + QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText)),
                 qPrintable(rows.join(u'\n')));
        QVERIFY(!rows.join(u'\n').contains(u"No shortcut"_s));
        QVERIFY(rows.join(u'\n').contains(u"Search the sandbox list\t/"_s));
    }

private:
    QList<Orkestr::Sandbox> m_sandboxes;
};

QTEST_MAIN(TestPaletteModel)
#include "tst_palettemodel.moc"
