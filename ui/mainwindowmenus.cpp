// The window's menus and keyboard: every action has a name, a shortcut where it is frequent, and
// reaches the palette (Ctrl+K) and Help › Keyboard shortcuts.

#include "core/client.h"
#include "session/sandboxnotifications.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/agent/connectagentdialog.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/i18n/language.h"
#include "ui/inspector/requestinspector.h"
#include "ui/mainwindow.h"
#include "ui/notifications/notificationsmenu.h"
#include "ui/palette/commandpalette.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/sandboxes/attentionstrip.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxview/sandboxtabs.h"

#include <QAction>
#include <QMenuBar>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Place = SandboxView::Place;

namespace {

QAction *named(QAction *action, const QString &name, const QKeySequence &keys = {})
{
    action->setObjectName(name);
    if (!keys.isEmpty())
        action->setShortcut(keys);
    return action;
}

} // namespace

void MainWindow::buildMenus()
{
    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    named(fileMenu->addAction(tr("&Refresh"), this, &MainWindow::refreshAccount), u"refreshAction"_s,
          QKeySequence::Refresh);
    named(fileMenu->addAction(tr("Connect an &agent…"), this,
                              [this] {
                                  if (!m_connections)
                                      return;
                                  auto *vault = m_connections->vault();
                                  auto *dialog = new ConnectAgentDialog(
                                      m_connections->localServer(),
                                      [vault](const QString &entry, const QString &secret) {
                                          vault->write(entry, secret);
                                      },
                                      this);
                                  dialog->setAttribute(Qt::WA_DeleteOnClose);
                                  dialog->open();
                              }),
          u"connectAgentAction"_s);
    fileMenu->addSeparator();
    named(fileMenu->addAction(tr("&Quit"), this, &QWidget::close), u"quitAction"_s, QKeySequence::Quit);

    auto *sandboxMenu = menuBar()->addMenu(tr("&Sandbox"));
    using Action = SandboxesPage::Action;
    sandboxMenu->addAction(m_sandboxesPage->createAction());
    for (const Action action : {Action::Pause, Action::Resume, Action::Terminate})
        sandboxMenu->addAction(m_sandboxesPage->action(action));
    sandboxMenu->addSeparator();
    named(sandboxMenu->addAction(tr("&Open in a tab"), this,
                                 [this] {
                                     const auto ids = m_sandboxesPage->selectedIds();
                                     if (ids.size() == 1)
                                         openSandbox(ids.first());
                                 }),
          u"openAction"_s, QKeySequence(Qt::CTRL | Qt::Key_O));
    named(sandboxMenu->addAction(tr("Open &terminal"), this,
                                 [this] {
                                     if (!sandboxView()->sandboxId().isEmpty())
                                         sandboxView()->focusPlace(Place::Terminal);
                                 }),
          u"openTerminalAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    named(sandboxMenu->addAction(tr("&Close tab"), this, [this] { m_sandboxTabs->closeCurrentTab(); }),
          u"closeTabAction"_s, QKeySequence(Qt::CTRL | Qt::Key_W));
    named(sandboxMenu->addAction(tr("&Next tab"), this, [this] { m_sandboxTabs->cycle(1); }),
          u"nextTabAction"_s, QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    named(sandboxMenu->addAction(tr("&Previous tab"), this, [this] { m_sandboxTabs->cycle(-1); }),
          u"previousTabAction"_s, QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    sandboxMenu->addSeparator();
    named(sandboxMenu->addAction(tr("Go to the sandbox &list"), this, &MainWindow::focusList),
          u"focusListAction"_s, QKeySequence(Qt::ALT | Qt::Key_0));
    auto *attention = named(sandboxMenu->addAction(tr("Show only what needs &attention")),
                            u"attentionAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    attention->setCheckable(true);
    connect(attention, &QAction::toggled, m_sandboxesPage, &SandboxesPage::setAttentionOnly);
    connect(m_sandboxesPage->attentionStrip(), &AttentionStrip::filterToggled, attention,
            &QAction::setChecked);

    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    m_palette = new CommandPalette(this);
    // Ctrl+K, and Ctrl+Shift+K where the terminal keeps Ctrl+K (installPaletteKeys).
    named(viewMenu->addAction(tr("&Command palette…"), m_palette, &CommandPalette::popup), u"paletteAction"_s)
        ->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)});
    viewMenu->addSeparator();
    addPlaceActions(viewMenu);
    viewMenu->addSeparator();
    auto *toggleInspector = m_inspector->toggleViewAction();
    toggleInspector->setText(tr("&Request inspector"));
    toggleInspector->setObjectName(u"inspectorAction"_s);
    toggleInspector->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    viewMenu->addAction(toggleInspector);
    viewMenu->addMenu(new NotificationsMenu(&m_notifications->policy(), this));
    viewMenu->addMenu(new LanguageMenu(this));

    auto *helpMenu = menuBar()->addMenu(tr("&Help"));
    named(helpMenu->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts),
          u"shortcutsAction"_s, QKeySequence(Qt::Key_F1));

    // The palette finds every action of the menus, and every sandbox of the store (visited, not
    // copied, on each keystroke).
    QList<QAction *> actions;
    for (auto *menu : {fileMenu, sandboxMenu, viewMenu, helpMenu}) {
        for (auto *action : menu->actions()) {
            if (!action->isSeparator() && !action->menu() && action->objectName() != u"paletteAction"_s)
                actions.append(action);
        }
    }
    m_palette->model()->setActions(actions);
    auto *store = m_session->sandboxes();
    m_palette->model()->setSandboxSource(
        [store](const std::function<void(const Orkestr::Sandbox &)> &visit) { store->forEach(visit); });
    connect(m_palette, &CommandPalette::sandboxChosen, this, &MainWindow::openSandbox);
}

void MainWindow::addPlaceActions(QMenu *menu)
{
    const std::pair<Place, QString> places[] = {
        {Place::Overview, u"overviewAction"_s},
        {Place::Terminal, u"terminalPlaceAction"_s},
        {Place::Files, u"filesPlaceAction"_s},
    };
    int key = Qt::Key_1;
    for (const auto &[place, name] : places) {
        named(menu->addAction(tr("Show %1").arg(SandboxView::placeTitle(place)), this,
                              [this, place] { sandboxView()->focusPlace(place); }),
              name, QKeySequence(Qt::ALT | Qt::Key(key++)));
    }
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QAction *MainWindow::windowAction(const QString &name) const
{
    return findChild<QAction *>(name);
}

} // namespace OrkestrUi
