// orkestr-desk-scenes: the Orkestr Desk dashboard driven for pictures and measurements. Not
// installed; scripts/screenshots.sh, bench/bench_dashboard and scripts/install-test.sh run it.
//
// It opens the same dashboard as orkestr-desk (app/dashboard.h, the same options to connect)
// and then either sets up a scene and saves a picture of it (--screenshot-scene with
// --screenshot), or reports the first painted list (--exit-after-first-list).

#include "app/dashboard.h"
#include "tools/desk-scenes/firstlistprobe.h"
#include "tools/desk-scenes/screenshotscenes.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // For --exit-after-first-list: the time since main() started.
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    OrkestrDesk::setUpApplication();

    // A developer's tool: its own texts are not translated.
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Orkestr Desk's dashboard for screenshots and benchmarks: sets up a scene and saves a "
        u"picture of it, or reports the first painted list."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const OrkestrDesk::ConnectionOptions connectionOptions;
    QCommandLineOption sceneOption(
        u"screenshot-scene"_s,
        u"Set up this scene (%1), save a picture of it to the file of "
        u"--screenshot and quit."_s.arg(OrkestrDesk::screenshotScenes().join(u", "_s)),
        u"scene"_s);
    QCommandLineOption screenshotOption(u"screenshot"_s, u"Where --screenshot-scene saves its picture."_s,
                                        u"file"_s);
    QCommandLineOption firstListOption(u"exit-after-first-list"_s,
                                       u"Print the time to the first painted list of at least this many "
                                       u"sandboxes and the peak RSS, then quit."_s,
                                       u"count"_s);
    QCommandLineOption sizeOption(u"window-size"_s,
                                  u"The window's size, WIDTHxHEIGHT (default: the remembered one, or "
                                  u"1280x800 on a first start)."_s,
                                  u"size"_s);
    parser.addOptions(connectionOptions.all());
    parser.addOptions({sceneOption, screenshotOption, firstListOption, sizeOption});
    parser.process(app);
    const bool scene = parser.isSet(sceneOption);
    if (scene == parser.isSet(firstListOption) || scene != parser.isSet(screenshotOption)) {
        std::fputs("orkestr-desk-scenes: give either --screenshot-scene with --screenshot, or "
                   "--exit-after-first-list\n",
                   stderr);
        return 2;
    }

    OrkestrDesk::Dashboard dashboard(parser, connectionOptions);
    auto *window = dashboard.window();
    if (parser.isSet(sizeOption)) {
        const QStringList size = parser.value(sizeOption).split(u'x');
        const int width = size.value(0).toInt();
        const int height = size.value(1).toInt();
        if (size.size() != 2 || width <= 0 || height <= 0) {
            std::fputs("orkestr-desk-scenes: --window-size takes WIDTHxHEIGHT, e.g. 2560x1440\n", stderr);
            return 2;
        }
        window->resize(width, height);
    }
    if (scene
        && !OrkestrDesk::startScreenshotScene(window, parser.value(sceneOption),
                                              parser.value(screenshotOption)))
        parser.showHelp(2);
    if (parser.isSet(firstListOption)) {
        auto *probe = new OrkestrDesk::FirstListProbe(sinceMain, window->sandboxesPage(),
                                                      std::max(1, parser.value(firstListOption).toInt()));
        QObject::connect(window, &OrkestrUi::MainWindow::accountChanged, probe, [probe, &sinceMain] {
            probe->setConnectedMs(double(sinceMain.nsecsElapsed()) / 1e6);
        });
        QObject::connect(window, &OrkestrUi::MainWindow::connectionFailed, window, [] {
            std::fputs("first-list-painted: connection failed\n", stderr);
            QApplication::exit(2);
        });
    }
    dashboard.connect();
    return app.exec();
}
