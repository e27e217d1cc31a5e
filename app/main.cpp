// orkestr-desk: the Orkestr Desk dashboard.
//
// With no options it starts its embedded orkestr-local and connects to it; with --server it
// connects to another server with the token from ORKESTR_API_KEY.

#include "app/dashboard.h"
#include "app/logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// --screenshot: saves a picture of the window once connected (or failed) and quits, so that a
// machine without a display can check what the window shows (scripts/run.sh).
void saveScreenshotOnceConnected(OrkestrUi::MainWindow *window, const QString &file)
{
    auto shoot = [window, file] {
        // Let the window lay itself out and paint before grabbing it.
        QTimer::singleShot(700, window, [window, file] {
            const bool saved = window->grab().save(file);
            if (!saved)
                qCWarning(OrkestrDesk::lcApp, "cannot save the screenshot to %s", qPrintable(file));
            QApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(window, &OrkestrUi::MainWindow::accountChanged, window, shoot);
    QObject::connect(window, &OrkestrUi::MainWindow::connectionFailed, window, shoot);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    OrkestrDesk::setUpApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop dashboard for orkestr sandboxes."));
    parser.addHelpOption();
    parser.addVersionOption();
    const OrkestrDesk::ConnectionOptions connectionOptions;
    QCommandLineOption screenshotOption(u"screenshot"_s,
                                        QApplication::translate("main",
                                                                "Save a picture of the window once connected "
                                                                "(or failed), then quit."),
                                        u"file"_s);
    parser.addOptions(connectionOptions.all());
    parser.addOption(screenshotOption);
    parser.process(app);

    OrkestrDesk::Dashboard dashboard(parser, connectionOptions);
    if (parser.isSet(screenshotOption))
        saveScreenshotOnceConnected(dashboard.window(), parser.value(screenshotOption));
    dashboard.connect();
    return app.exec();
}
