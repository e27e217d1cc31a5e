#include "tools/desk-scenes/screenshotscenes.h"

#include "session/activitytimelinemodel.h"
#include "session/metricshistory.h"
#include "session/processesstore.h"
#include "session/processtreemodel.h"
#include "session/remotepath.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "session/shellsession.h"
#include "ui/activity/activitydetails.h"
#include "ui/activity/activitytab.h"
#include "ui/activity/activitytimelineview.h"
#include "ui/activity/execdetails.h"
#include "ui/activity/execoutputview.h"
#include "ui/files/filebrowser.h"
#include "ui/files/filespanel.h"
#include "ui/files/remotefsmodel.h"
#include "ui/mainwindow.h"
#include "ui/metrics/metricchart.h"
#include "ui/metrics/metricstab.h"
#include "ui/processes/processestab.h"
#include "ui/sandboxes/sandboxcolumns.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"
#include "ui/sandboxview/sandboxview.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/shellwidget.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"

#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMouseEvent>
#include <QPainter>
#include <QPixmap>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace OrkestrDesk {

namespace {

using OrkestrUi::MainWindow;
using OrkestrUi::SandboxesPage;

Q_LOGGING_CATEGORY(lcScenes, "orkestr.scenes")

constexpr int WaitTimeoutMs = 60000;

// Gives up: says why (orkestr.scenes, on stderr) and quits with exit code 2.
void fail(const QString &why)
{
    qCWarning(lcScenes, "%s", qPrintable(why));
    QApplication::exit(2);
}

// Calls `then` once `condition` holds (checked now and every 50 ms), or fails after the timeout.
// For what has no signal of its own (a model's row count after several listings, a dialog that
// a job's result opens).
void waitUntil(QObject *context, std::function<bool()> condition, const QString &what,
               std::function<void()> then)
{
    if (condition()) {
        then();
        return;
    }
    auto *timer = new QTimer(context);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    QObject::connect(timer, &QTimer::timeout, context, [timer, clock, condition, what, then] {
        if (condition()) {
            timer->deleteLater();
            timer->stop();
            then();
        } else if (clock->elapsed() > WaitTimeoutMs) {
            timer->stop();
            fail(u"timed out waiting for %1"_s.arg(what));
        }
    });
    timer->start(50);
}

void save(const QPixmap &picture, const QString &file)
{
    const bool saved = picture.save(file);
    if (!saved)
        qCWarning(lcScenes, "cannot save %s", qPrintable(file));
    QApplication::exit(saved ? 0 : 1);
}

// The window as it is, without the status bar's passing message: under Xvfb that is the note
// that no system keychain is available, which says something about the build machine only.
QPixmap grabWindow(MainWindow *window)
{
    window->statusBar()->clearMessage();
    return window->grab();
}

// Saves the window once what was just shown has been painted: grab() renders the widgets now,
// but QTermWidget draws its text from a timer of its own after output, so one short pause first.
void grabWindowSoon(MainWindow *window, const QString &file)
{
    QTimer::singleShot(400, window, [window, file] { save(grabWindow(window), file); });
}

// The running sandbox the scenes work in: the one with metadata agent_run=r_42 when there is
// one (scripts/screenshots.sh makes it), else the first running one.
std::optional<Orkestr::Sandbox> sceneSandbox(const MainWindow *window)
{
    std::optional<Orkestr::Sandbox> found;
    for (const auto &sandbox : window->session()->sandboxes()->sandboxes()) {
        if (!sandbox.isRunning())
            continue;
        if (sandbox.metadata.value(u"agent_run"_s) == u"r_42"_s)
            return sandbox;
        if (!found)
            found = sandbox;
    }
    return found;
}

// Waits for the connection (account known) and the first whole list, then calls `then` with
// the scene's sandbox selected.
void whenListed(MainWindow *window, std::function<void(const Orkestr::Sandbox &)> then)
{
    auto started = std::make_shared<bool>(false);
    QObject::connect(window, &MainWindow::connectionFailed, window, [](const Orkestr::ApiError &error) {
        fail(u"connection failed: "_s + error.displayText());
    });
    QObject::connect(window, &MainWindow::accountChanged, window, [window, then, started] {
        if (*started)
            return;
        *started = true;
        auto *page = window->sandboxesPage();
        waitUntil(
            window,
            [page] { return page->model()->sandboxCount() > 0 && !page->poller()->lastError().isError(); },
            u"the sandbox list"_s,
            [window, page, then] {
                const auto sandbox = sceneSandbox(window);
                if (!sandbox) {
                    fail(u"no running sandbox to show"_s);
                    return;
                }
                page->selectIds({sandbox->id});
                page->view()->scrollTo(page->model()->indexForId(sandbox->id));
                then(*sandbox);
            });
    });
}

// Opens the sandbox in a tab of its own, at one of its places (Terminal, Files), as Enter in
// the list and a click on the place's tab would.
void openAt(MainWindow *window, const Orkestr::Sandbox &sandbox, OrkestrUi::SandboxView::Place place)
{
    window->openSandbox(sandbox.id);
    window->sandboxView()->showPlace(place);
}

// Opens the sandbox at its Terminal place and returns the widget there that `current` names (the
// Commands terminal, the Shell); nullptr after failing the scene when there is none for it.
template<class Widget>
Widget *openInTerminals(MainWindow *window, const Orkestr::Sandbox &sandbox,
                        Widget *(OrkestrUi::TerminalTabs::*current)() const, const QString &what)
{
    openAt(window, sandbox, OrkestrUi::SandboxView::Place::Terminal);
    Widget *widget = (window->terminals()->*current)();
    if (!widget || window->terminals()->currentSandboxId() != sandbox.id) {
        fail(u"no %1 for %2"_s.arg(what, sandbox.id));
        return nullptr;
    }
    return widget;
}

void dashboardScene(MainWindow *window, const QString &file)
{
    whenListed(window, [window, file](const Orkestr::Sandbox &) {
        // Every group open, the details of the selected sandbox filled in.
        auto *page = window->sandboxesPage();
        page->view()->expandAll();
        // The CPU and memory columns, as a user picks them at this width (in the template's place),
        // once their lines show some history (scripts/screenshots.sh keeps two sandboxes busy).
        for (const int column :
             {OrkestrUi::SandboxTreeModel::CpuUsageColumn, OrkestrUi::SandboxTreeModel::MemoryUsageColumn})
            page->columns()->setChosen(column, true);
        page->columns()->setChosen(OrkestrUi::SandboxTreeModel::TemplateColumn, false);
        page->columns()->fitToContents();
        const auto sampled = [window, page] {
            int longest = 0;
            for (const auto &sandbox : window->session()->sandboxes()->sandboxes()) {
                if (const auto *trace = page->usage()->trace(sandbox.id))
                    longest = std::max(longest, trace->cpuPercent.size());
            }
            return longest >= 10;
        };
        waitUntil(window, sampled, u"ten samples of CPU and memory"_s,
                  [window, file] { grabWindowSoon(window, file); });
    });
}

void terminalScene(MainWindow *window, const QString &file)
{
    // The Commands terminal (the shell scene shows the Shell).
    window->terminals()->setDefaultKind(OrkestrUi::TerminalTabs::Kind::Commands);
    whenListed(window, [window, file](const Orkestr::Sandbox &sandbox) {
        auto *terminal
            = openInTerminals(window, sandbox, &OrkestrUi::TerminalTabs::currentTerminal, u"terminal"_s);
        if (!terminal)
            return;
        auto commands = std::make_shared<QStringList>(QStringList {
            u"uname -sm; grep PRETTY_NAME /etc/os-release"_s,
            u"mkdir -p demo && cd demo && export MODE=release"_s,
            u"python3 -c 'import sys; print(sys.version.split()[0])'"_s,
            u"printf '\\033[1;32mok\\033[0m  \\033[33mwarn\\033[0m  \\033[34mblue\\033[0m  "
            u"\\033[35mmode=%s\\033[0m\\n' "
            "\"$MODE\""_s,
            u"for i in 1 2 3 4 5 6 7 8; do printf '\\rbuilding %d/8 [%-8s]' $i $(printf '%*s' $i '' | tr ' ' "
            u"'#'); "
            "sleep 0.1; done; echo ' done'"_s,
            u"ls -C /workspace; echo 'error: config.toml not found' >&2; exit 3"_s,
        });
        auto next = std::make_shared<std::function<void()>>();
        *next = [window, terminal, commands, next, file] {
            if (commands->isEmpty()) {
                // Typed but not run: a command line, not a text of the program.
                const QString typed = u"git status"_s;
                terminal->prompt()->setPlainText(typed);
                waitUntil(
                    window, [terminal] { return terminal->screenText().contains(u"exit 3"_s); },
                    u"the last command's exit code"_s, [window, file] { grabWindowSoon(window, file); });
                return;
            }
            terminal->runCommand(commands->takeFirst());
        };
        QObject::connect(terminal, &OrkestrUi::TerminalWidget::busyChanged, window, [next](bool busy) {
            if (!busy)
                (*next)();
        });
        (*next)();
    });
}

// shell: the Shell tab (a pty in the sandbox) with a listing, then top running full screen.
void shellScene(MainWindow *window, const QString &file)
{
    whenListed(window, [window, file](const Orkestr::Sandbox &sandbox) {
        auto *shell = openInTerminals(window, sandbox, &OrkestrUi::TerminalTabs::currentShell, u"shell"_s);
        if (!shell)
            return;
        waitUntil(
            window,
            [shell] { return shell->session()->state() == OrkestrSession::ShellSession::State::Running; },
            u"the shell"_s,
            [window, shell, file] {
                shell->session()->type("ls -l --color=always /workspace\r");
                shell->session()->type("top -d 1\r");
                waitUntil(
                    window,
                    [shell] {
                        const QString screen = shell->screenText();
                        return screen.contains(u"load average"_s) && screen.contains(u"PID"_s);
                    },
                    u"top in the shell"_s, [window, file] { grabWindowSoon(window, file); });
            });
    });
}

void selectName(QTreeView *list, const QString &name);

// files: the listing of /workspace, with the file open in an editor tab next to it; editor: that
// editor in front.
void filesScene(MainWindow *window, const QString &file, bool showEditor)
{
    whenListed(window, [window, file, showEditor](const Orkestr::Sandbox &sandbox) {
        openAt(window, sandbox, OrkestrUi::SandboxView::Place::Files);
        OrkestrUi::FileBrowser *browser = window->files()->browser(sandbox.id);
        if (!browser) {
            fail(u"no file browser for %1"_s.arg(sandbox.id));
            return;
        }
        const QString home = OrkestrSession::RemotePath::Home;
        waitUntil(
            window,
            [browser, home] {
                const QModelIndex index = browser->model()->indexForPath(home);
                return index.isValid() && browser->model()->isListed(index)
                    && !browser->model()->isLoading(index) && !browser->visibleNames().isEmpty();
            },
            u"the listing of /workspace"_s,
            [window, browser, home, file, showEditor] {
                // A Python file when there is one (else the first name with a suffix) opens in the editor.
                QString name;
                for (const auto &candidate : browser->visibleNames()) {
                    if (candidate.endsWith(u".py"_s)) {
                        name = candidate;
                        break;
                    }
                    if (name.isEmpty() && candidate.contains(u'.'))
                        name = candidate;
                }
                if (name.isEmpty()) {
                    fail(u"no file in /workspace to open"_s);
                    return;
                }
                // The folders of /workspace open in the tree.
                browser->treeView()->expand(browser->treeView()->model()->index(0, 0));
                QObject::connect(browser, &OrkestrUi::FileBrowser::editorOpened, window,
                                 [window, browser, name, file, showEditor] {
                                     if (!showEditor) {
                                         browser->tabs()->setCurrentIndex(0);
                                         selectName(browser->listView(), name);
                                     }
                                     grabWindowSoon(window, file);
                                 });
                browser->openFile(home + u'/' + name);
            });
    });
}

void listingScene(MainWindow *window, const QString &file)
{
    filesScene(window, file, false);
}

void editorScene(MainWindow *window, const QString &file)
{
    filesScene(window, file, true);
}

void selectName(QTreeView *list, const QString &name)
{
    const auto *model = list->model();
    for (int row = 0; row < model->rowCount(list->rootIndex()); ++row) {
        const QModelIndex index = model->index(row, 0, list->rootIndex());
        if (index.data().toString() == name) {
            list->setCurrentIndex(index);
            return;
        }
    }
}

// The Activity tab with the failing test run of scripts/screenshots.sh selected: its output in
// colour, stderr tinted and marked.
void activityScene(MainWindow *window, const QString &file)
{
    whenListed(window, [window, file](const Orkestr::Sandbox &sandbox) {
        openAt(window, sandbox, OrkestrUi::SandboxView::Place::Activity);
        auto *tab = window->sandboxView()->activity();
        const auto failedRow = [tab] {
            const auto *model = tab->model();
            for (int row = model ? model->rowCount() - 1 : -1; row >= 0; --row) {
                if (model->index(row)
                        .data(OrkestrSession::ActivityTimelineModel::SummaryRole)
                        .toString()
                        .contains(u"test_limit"_s))
                    return row;
            }
            return -1;
        };
        waitUntil(
            window, [failedRow] { return failedRow() >= 0; }, u"the failed command in the activity"_s,
            [window, tab, failedRow, file] {
                tab->timeline()->setCurrentIndex(tab->model()->index(failedRow()));
                waitUntil(
                    window,
                    [tab] {
                        return tab->details()->execDetails()->output()->toPlainText().contains(u"FAILED"_s);
                    },
                    u"the command's output"_s, [window, file] { grabWindowSoon(window, file); });
            });
    });
}

// The Metrics tab once a minute or so of samples is in (scripts/screenshots.sh keeps the sandbox
// busy, and pauses it once for a gap), with the newest CPU value read by hovering.
void metricsScene(MainWindow *window, const QString &file)
{
    whenListed(window, [window, file](const Orkestr::Sandbox &sandbox) {
        openAt(window, sandbox, OrkestrUi::SandboxView::Place::Metrics);
        auto *tab = window->sandboxView()->metrics();
        waitUntil(
            window,
            [tab] {
                return tab->history() && tab->history()->hasLoaded() && tab->history()->samples().size() >= 5;
            },
            u"the metrics"_s,
            [window, tab, file] {
                auto *cpu = tab->chart(OrkestrUi::MetricsTab::Chart::Cpu);
                const QRectF plot = cpu->chart()->plotArea();
                const QPointF inside(plot.right() - plot.width() / 40, plot.center().y());
                const QPoint at = cpu->mapFromScene(cpu->chart()->mapToScene(inside));
                QMouseEvent move(QEvent::MouseMove, at, cpu->viewport()->mapToGlobal(at), Qt::NoButton,
                                 Qt::NoButton, Qt::NoModifier);
                QApplication::sendEvent(cpu->viewport(), &move);
                grabWindowSoon(window, file);
            });
    });
}

// The Processes tab with the tree open and the busiest process selected.
void processesScene(MainWindow *window, const QString &file)
{
    whenListed(window, [window, file](const Orkestr::Sandbox &sandbox) {
        openAt(window, sandbox, OrkestrUi::SandboxView::Place::Processes);
        auto *tab = window->sandboxView()->processes();
        waitUntil(
            window, [tab] { return tab->store() && tab->store()->processes().size() >= 3; },
            u"the processes"_s,
            [window, tab, file] {
                qint64 busiest = 0;
                double most = -1;
                for (const auto &process : tab->store()->processes()) {
                    if (process.cpuPercent > most) {
                        most = process.cpuPercent;
                        busiest = process.pid;
                    }
                }
                tab->selectPid(busiest);
                grabWindowSoon(window, file);
            });
    });
}

void quotaScene(MainWindow *window, const QString &file)
{
    whenListed(window, [window, file](const Orkestr::Sandbox &sandbox) {
        auto *page = window->sandboxesPage();
        window->sandboxesPage()->view()->expandAll();
        // Pausing is offered only while a slot is free; the server's refusal (the dialog's case)
        // is what an account fetched before another client took the last slot runs into.
        const auto account = window->account();
        if (!account.snapshots.isFull()) {
            fail(u"the snapshot quota is not full (%1 of %2)"_s.arg(account.snapshots.used)
                     .arg(account.snapshots.cap));
            return;
        }
        window->session()->actions()->run(SandboxesPage::Action::Pause, {sandbox.id});
        waitUntil(
            window,
            [page] {
                const auto *dialog = page->findChild<QDialog *>(u"snapshotCapDialog"_s);
                return dialog && dialog->isVisible();
            },
            u"the snapshot quota dialog"_s,
            [window, page, file] {
                QTimer::singleShot(400, window, [window, page, file] {
                    auto *dialog = page->findChild<QDialog *>(u"snapshotCapDialog"_s);
                    if (!dialog) {
                        fail(u"the dialog closed"_s);
                        return;
                    }
                    // The window with the dialog drawn where it is on the screen. There is no window
                    // manager under Xvfb: a frame and a title bar with the dialog's title stand for
                    // its decoration.
                    QPixmap picture = grabWindow(window);
                    const QPixmap dialogPicture = dialog->grab();
                    const qreal ratio = picture.devicePixelRatio();
                    QPoint at = dialog->mapToGlobal(QPoint(0, 0)) - window->mapToGlobal(QPoint(0, 0));
                    const QSize size = dialogPicture.deviceIndependentSize().toSize();
                    at.setX(std::clamp(at.x(), 0, std::max(0, int(picture.width() / ratio) - size.width())));
                    at.setY(
                        std::clamp(at.y(), 0, std::max(0, int(picture.height() / ratio) - size.height())));
                    // Room for a title bar above the dialog.
                    const int titleHeight = dialog->fontMetrics().height() + 10;
                    at.setY(std::max(at.y(), titleHeight + 1));
                    const QPalette palette = window->palette();
                    QPainter painter(&picture);
                    const QRect title(at.x(), at.y() - titleHeight, size.width(), titleHeight);
                    painter.fillRect(QRect(at, size).united(title).adjusted(-1, -1, 1, 1),
                                     palette.color(QPalette::Dark));
                    painter.fillRect(title, palette.color(QPalette::Highlight));
                    painter.setPen(palette.color(QPalette::HighlightedText));
                    painter.setFont(dialog->font());
                    painter.drawText(title.adjusted(10, 0, -10, 0), Qt::AlignVCenter | Qt::AlignLeft,
                                     dialog->windowTitle());
                    painter.drawPixmap(at, dialogPicture);
                    painter.end();
                    save(picture, file);
                });
            });
    });
}

// The scenes by name, in the order --help lists them.
struct Scene
{
    QLatin1StringView name;
    void (*start)(MainWindow *window, const QString &file);
};
constexpr Scene Scenes[] = {
    {"dashboard"_L1, dashboardScene}, {"activity"_L1, activityScene},   {"terminal"_L1, terminalScene},
    {"shell"_L1, shellScene},         {"files"_L1, listingScene},       {"editor"_L1, editorScene},
    {"metrics"_L1, metricsScene},     {"processes"_L1, processesScene}, {"quota"_L1, quotaScene},
};

} // namespace

QStringList screenshotScenes()
{
    QStringList names;
    for (const auto &scene : Scenes)
        names.append(scene.name);
    return names;
}

bool startScreenshotScene(MainWindow *window, const QString &scene, const QString &file)
{
    for (const auto &known : Scenes) {
        if (known.name == scene) {
            known.start(window, file);
            return true;
        }
    }
    return false;
}

} // namespace OrkestrDesk
