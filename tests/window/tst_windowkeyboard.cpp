// The window with the keyboard alone (QTest key events only) and through QAccessible: create,
// pause, resume, open a terminal and terminate without a mouse; Ctrl+K from text fields and in
// the terminal; every control of the window and of every dialog has a name a screen reader can say.

#include "core/apierror.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "testserver.h"
#include "ui/files/filebrowser.h"
#include "ui/files/filespanel.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/mainwindow.h"
#include "ui/palette/commandpalette.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profiledialog.h"
#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"
#include "ui/sandboxes/createsandboxdialog.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/snapshotcapdialog.h"
#include "ui/sandboxview/sandboxtabs.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"
#include "windowtesting.h"

#include <QApplication>
#include <QDir>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTreeView>
#include <qtermwidget.h>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using namespace WindowTesting;
using Status = Orkestr::Sandbox::Status;

namespace {

QWidget *focused()
{
    return QApplication::focusWidget();
}

QString focusedButtonText()
{
    auto *button = qobject_cast<QPushButton *>(QApplication::focusWidget());
    return button ? button->text() : QString();
}

// Under X11 every QLineEdit and text edit claims Ctrl+K (delete to the end of the line) before a
// window's shortcut sees it; the offscreen platform binds nothing to that. Where the platform
// does not, a field is made to claim Ctrl+K the way X11 has it do, so the test meets the conflict.
class ClaimsCtrlK : public QObject
{
public:
    using QObject::QObject;
    static bool platformClaims()
    {
        return QKeySequence::keyBindings(QKeySequence::DeleteEndOfLine)
            .contains(QKeySequence(Qt::CTRL | Qt::Key_K));
    }
    void claimIn(QWidget *field)
    {
        if (!platformClaims())
            field->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride
            && static_cast<QKeyEvent *>(event)->keyCombination()
                == QKeyCombination(Qt::ControlModifier, Qt::Key_K)) {
            event->accept();
            return true;
        }
        return false;
    }
};

// A key as the user types it: to the widget with the focus (or the active window).
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget *target = focused() ? focused() : QApplication::activeWindow();
    QVERIFY2(target, "nothing has the keyboard");
    QTest::keyClick(target, Qt::Key(key), modifiers);
}

} // namespace

class TestWindowKeyboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_id = startFresh(&m_server, &m_client, u"r_1"_s);
        QVERIFY(!m_id.isEmpty());
    }

    void everythingWithTheKeyboardAlone()
    {
        MainWindow window(&m_client);
        window.terminals()->setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.refreshAccount();
        auto *store = window.session()->sandboxes();
        QTRY_VERIFY_WITH_TIMEOUT(store->contains(m_id), 10000);
        QTRY_COMPARE(focused(), window.sandboxesPage()->view());
        const int before = store->count();

        // Create: Ctrl+N, then Enter takes the dialog's defaults.
        press(Qt::Key_N, Qt::ControlModifier);
        CreateSandboxDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<CreateSandboxDialog *>()));
        QTRY_VERIFY(dialog->isAncestorOf(focused()));
        // Enter once the templates are listed (Create is the default button).
        auto *createButton = dialog->findChild<QPushButton *>(u"createButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(createButton->isEnabled(), 10000);
        press(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(store->count(), before + 1, 20000);
        // The watch can list the new sandbox before the create call answers; the answer selects it.
        QTRY_COMPARE_WITH_TIMEOUT(window.sandboxesPage()->selectedIds().size(), 1, 20000);
        const auto selected = window.sandboxesPage()->selectedIds();
        const QString id = selected.first();
        QVERIFY(id != m_id);
        QTRY_VERIFY(!window.findChild<CreateSandboxDialog *>());
        // The window manager gives the window back its activation when a dialog closes; offscreen
        // there is none. The focus is back on the list, on the new sandbox.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QCOMPARE(focused(), window.sandboxesPage()->view());
        QTRY_COMPARE_WITH_TIMEOUT(store->sandbox(id)->status, Status::Running, 20000);

        // Pause and resume.
        press(Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(store->sandbox(id)->status, Status::Paused, 20000);
        press(Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(store->sandbox(id)->status, Status::Running, 20000);

        // Open a terminal and run a command in it.
        press(Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        TerminalWidget *terminal = window.terminals()->currentTerminal();
        QVERIFY(terminal);
        QCOMPARE(terminal->sandboxId(), id);
        QTRY_COMPARE(focused(), terminal->prompt());
        QTest::keyClicks(focused(), u"echo typed-$((6*7))"_s);
        press(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screenText().contains(u"typed-42"_s), 20000);

        // Back to the list, then terminate: Delete asks, and its safe default is Cancel.
        press(Qt::Key_0, Qt::AltModifier);
        QCOMPARE(focused(), window.sandboxesPage()->view());
        press(Qt::Key_Delete);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"confirmation"_s)));
        QTRY_VERIFY(box->isAncestorOf(focused()) || focused() == box);
        for (int i = 0; i < 5 && focusedButtonText() != u"Terminate"_s; ++i)
            press(Qt::Key_Tab);
        QCOMPARE(focusedButtonText(), u"Terminate"_s);
        press(Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!store->contains(id) || store->sandbox(id)->status == Status::Terminated,
                                 20000);
    }

    void ctrlKOpensThePaletteFromTextFieldsAndStaysTheTerminals()
    {
        MainWindow window(&m_client);
        window.terminals()->setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        showWithSandboxOpen(&window);
        if (QTest::currentTestFailed())
            return;
        CommandPalette *palette = window.commandPalette();
        ClaimsCtrlK claims;
        // Ctrl+K in a field: the palette opens, the field keeps its text; Escape closes it.
        const auto opensThePalette = [&](QWidget *field, const QString &what) {
            claims.claimIn(field);
            field->setFocus();
            QTRY_COMPARE(focused(), field);
            press(Qt::Key_K, Qt::ControlModifier);
            QVERIFY2(palette->isVisible(), qPrintable(what));
            QCOMPARE(focused(), palette->searchField());
            press(Qt::Key_Escape);
            QVERIFY(!palette->isVisible());
        };

        // The list's search field.
        QLineEdit *search = window.sandboxesPage()->searchBox();
        search->setFocus();
        QTest::keyClicks(search, u"r_1"_s);
        search->setCursorPosition(1);
        opensThePalette(search, u"the search field"_s);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(search->text(), u"r_1"_s);

        // The Files place's path and name filter.
        window.sandboxView()->focusPlace(SandboxView::Place::Files);
        FileBrowser *browser = window.files()->browser(m_id);
        QVERIFY(browser);
        auto *path = browser->findChild<QLineEdit *>(u"pathEdit"_s);
        QVERIFY(path);
        QTRY_VERIFY_WITH_TIMEOUT(!path->text().isEmpty(), 10000);
        const QString shownPath = path->text();
        path->setCursorPosition(1);
        opensThePalette(path, u"the files path field"_s);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(path->text(), shownPath);
        opensThePalette(browser->findChild<QLineEdit *>(u"nameFilter"_s), u"the files name filter"_s);
        if (QTest::currentTestFailed())
            return;

        // The terminal keeps Ctrl+K: it deletes to the end of the line, as in a shell; the palette
        // is at Ctrl+Shift+K there.
        window.sandboxView()->focusPlace(SandboxView::Place::Terminal);
        TerminalWidget *terminal = window.terminals()->currentTerminal();
        QVERIFY(terminal);
        PromptEdit *prompt = terminal->prompt();
        QTRY_COMPARE(focused(), prompt);
        claims.claimIn(prompt);
        QTest::keyClicks(prompt, u"echo kept cut"_s);
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(prompt, Qt::Key_Left);
        press(Qt::Key_K, Qt::ControlModifier);
        QVERIFY(!palette->isVisible());
        QCOMPARE(prompt->command(), u"echo kept "_s);
        press(Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(palette->isVisible());
        press(Qt::Key_Escape);
        // In the terminal's view too: it hands the focus and the keys to the prompt from the
        // first key on (a keyboard sends Ctrl's own press before the K).
        QWidget *view
            = terminal->terminal()->focusProxy() ? terminal->terminal()->focusProxy() : terminal->terminal();
        prompt->moveCursor(QTextCursor::StartOfBlock);
        prompt->moveCursor(QTextCursor::NextWord);
        const auto fromTheView = [&](Qt::KeyboardModifiers modifiers) {
            view->setFocus();
            QTRY_COMPARE(focused(), view);
            QTest::keyPress(view, Qt::Key_Control, Qt::ControlModifier);
            QCOMPARE(focused(), prompt);
            press(Qt::Key_K, modifiers);
            QTest::keyRelease(focused(), Qt::Key_Control);
        };
        fromTheView(Qt::ControlModifier);
        QVERIFY(!palette->isVisible());
        QCOMPARE(prompt->command(), u"echo "_s);
        fromTheView(Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(palette->isVisible());
        press(Qt::Key_Escape);

        // Help › Keyboard shortcuts says so.
        window.windowAction(u"shortcutsAction"_s)->trigger();
        auto *dialog = window.findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        const QString rows = dialog->rows().join(u'\n');
        for (const auto &expected : {u"Command palette\tCtrl+K or Ctrl+Shift+K"_s,
                                     u"Delete to the end of the line in the terminal\tCtrl+K"_s})
            QVERIFY2(rows.contains(expected), qPrintable(expected + u" is not in\n"_s + rows));
        dialog->close();
    }

    void everyControlHasAName()
    {
        MainWindow window(&m_client);
        showWithSandboxOpen(&window);
        if (QTest::currentTestFailed())
            return;
        for (const auto place :
             {SandboxView::Place::Overview, SandboxView::Place::Terminal, SandboxView::Place::Files}) {
            window.sandboxView()->showPlace(place);
            QCoreApplication::processEvents();
            QVERIFY2(unnamedControls(&window).isEmpty(), qPrintable(unnamedControls(&window).join(u'\n')));
            QVERIFY2(iconOnlyWithoutTooltip(&window).isEmpty(),
                     qPrintable(iconOnlyWithoutTooltip(&window).join(u'\n')));
        }

        // The dialogs.
        QList<QWidget *> dialogs;
        window.windowAction(u"shortcutsAction"_s)->trigger();
        dialogs.append(window.findChild<ShortcutsDialog *>());
        dialogs.append(window.sandboxesPage()->openCreateDialog());
        dialogs.append(new SnapshotCapDialog(Orkestr::ApiError::connectionError(u"full"_s),
                                             {*window.session()->sandboxes()->sandbox(m_id)}, &window));
        QSettings settings(QDir::temp().filePath(u"tst_windowkeyboard.ini"_s), QSettings::IniFormat);
        ProfileStore profiles(&settings);
        TokenVault vault;
        ConnectionManager connections(&m_client, &profiles, &vault);
        dialogs.append(new ProfileDialog(&profiles, &connections, &window));
        window.commandPalette()->popup();
        dialogs.append(window.commandPalette());
        for (QWidget *dialog : dialogs) {
            QVERIFY(dialog);
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            const QString what = QString::fromLatin1(dialog->metaObject()->className());
            QVERIFY2(unnamedControls(dialog).isEmpty(),
                     qPrintable(what + u":\n"_s + unnamedControls(dialog).join(u'\n')));
            QVERIFY2(iconOnlyWithoutTooltip(dialog).isEmpty(),
                     qPrintable(what + u":\n"_s + iconOnlyWithoutTooltip(dialog).join(u'\n')));
            dialog->close();
        }
    }

private:
    // Shown and active, connected, with the test's sandbox open in a tab of its own.
    void showWithSandboxOpen(MainWindow *window)
    {
        window->show();
        QVERIFY(QTest::qWaitForWindowActive(window));
        window->refreshAccount();
        QTRY_VERIFY_WITH_TIMEOUT(window->session()->sandboxes()->contains(m_id), 10000);
        window->openSandbox(m_id);
    }

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;
};

QTEST_MAIN(TestWindowKeyboard)
#include "tst_windowkeyboard.moc"
