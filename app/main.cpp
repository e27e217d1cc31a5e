// orkestr-desk: the Orkestr Desk dashboard.
//
// With no options it starts its embedded orkestr-local and connects to it; with --server it
// connects to another server with the token from ORKESTR_API_KEY.

#include "core/client.h"
#include "ui/mainwindow.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QScreen>
#include <QStyle>
#include <QStyleHints>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

void installTranslations(QApplication &app)
{
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), u"qtbase"_s, u"_"_s,
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto *appTranslator = new QTranslator(&app);
    if (appTranslator->load(QLocale(), u"orkestr-desk"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(appTranslator);
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::red);
    palette.setColor(QPalette::Link, QColor(0x5a, 0x9b, 0xf6));
    palette.setColor(QPalette::Highlight, QColor(0x3b, 0x6e, 0xc8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x7a, 0x7a));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x7a, 0x7a));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x7a, 0x7a));
    return palette;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"orkestr-desk"_s);
    QApplication::setApplicationDisplayName(u"Orkestr Desk"_s);
    QApplication::setOrganizationName(u"orkestr"_s);
    QApplication::setApplicationVersion(QStringLiteral(ORKESTR_VERSION));
    QApplication::setDesktopFileName(u"eu.orkestr.Desk"_s);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop dashboard for orkestr sandboxes."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption serverOption(
        u"server"_s,
        QApplication::translate("main",
                                "Connect to this server instead of the embedded "
                                "local one; the token comes from ORKESTR_API_KEY."),
        u"url"_s);
    QCommandLineOption insecureOption(u"allow-insecure-http"_s,
                                      QApplication::translate("main",
                                                              "Allow sending the token over plain http to a "
                                                              "host other than this machine."));
    QCommandLineOption planOption(
        u"local-plan"_s, QApplication::translate("main", "Plan of the embedded server: free, pro or team."),
        u"plan"_s, u"pro"_s);
    QCommandLineOption screenshotOption(u"screenshot"_s,
                                        QApplication::translate("main",
                                                                "Save a picture of the window once connected "
                                                                "(or failed), then quit."),
                                        u"file"_s);
    QCommandLineOption colorSchemeOption(
        u"color-scheme"_s, QApplication::translate("main", "light or dark; by default the desktop's."),
        u"scheme"_s);
    parser.addOptions({serverOption, insecureOption, planOption, screenshotOption, colorSchemeOption});
    parser.process(app);
    if (parser.isSet(colorSchemeOption)) {
        // Fusion follows the requested scheme on every platform, also where no desktop theme is.
        QApplication::setStyle(u"Fusion"_s);
        const bool dark = parser.value(colorSchemeOption) == u"dark"_s;
        QGuiApplication::styleHints()->setColorScheme(dark ? Qt::ColorScheme::Dark : Qt::ColorScheme::Light);
        // Without a desktop theme (e.g. under Xvfb) the hint alone changes nothing: set the palette.
        QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    }

    Orkestr::Client client;
    client.setUserAgent(u"orkestr-desk/%1"_s.arg(QApplication::applicationVersion()));
    client.setAllowInsecureHttp(parser.isSet(insecureOption));
    Orkestr::Client::setDefaultClient(&client);

    OrkestrUi::MainWindow window(&client);
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        auto shoot = [&window, file] {
            // Let the window lay itself out and paint before grabbing it.
            QTimer::singleShot(700, &window, [&window, file] {
                const bool saved = window.grab().save(file);
                QApplication::exit(saved ? 0 : 1);
            });
        };
        QObject::connect(&window, &OrkestrUi::MainWindow::accountChanged, &window, shoot);
        QObject::connect(&window, &OrkestrUi::MainWindow::connectionFailed, &window, shoot);
    }

    OrkestrUi::ProfileStore profiles;
    OrkestrUi::TokenVault vault;
    OrkestrUi::ConnectionManager connections(&client, &profiles, &vault);
    connections.setEmbeddedArguments({u"--plan"_s, parser.value(planOption)});
    window.setConnections(&profiles, &connections);
    if (parser.isSet(serverOption)) {
        connections.connectTo(QUrl::fromUserInput(parser.value(serverOption)), parser.isSet(insecureOption));
    } else {
        connections.connectCurrent();
    }
    return app.exec();
}
