#pragma once

#include <QList>
#include <QLocale>
#include <QMenu>
#include <QString>

class QCoreApplication;
class QSettings;
class QTranslator;

namespace OrkestrUi {

// The language of the user interface. Orkestr Desk follows the system's UI languages
// (QLocale::system().uiLanguages(), which honours LANGUAGE/LC_MESSAGES/LANG on Linux) unless the
// "ui/language" setting names one of the shipped languages. Changing the setting takes effect at
// the next start: the widgets set their texts once, when they are built.
namespace Language {

// QSettings key; its value is "" (system default) or a code from options().
QString settingsKey();

struct Option
{
    QString code; // "" for the system default, else "en", "de", "fi"
    QString label; // the language's own name ("Deutsch"), or a translated "System default"
};
// The choices of the language setting: the system default first, then every shipped language.
QList<Option> options();

// The setting, or "" when it is unset or names a language that is not shipped.
QString setting(const QSettings &settings);
void setSetting(QSettings &settings, const QString &code);

// The locale whose UI languages pick the translation: the system's for "", else the code's.
QLocale localeFor(const QString &code);

// Loads orkestr-desk_<lang>.qm from qmDirectory for the first of locale's UI languages that has
// one, and Qt's own qtbase translation for that same language (standard dialogs and buttons),
// and installs both on app. Returns the language that was loaded ("de", "fi", "en" for the
// English plural forms) or "" when none matched, in which case the source texts (English) show.
QString install(QCoreApplication *app, const QLocale &locale,
                const QString &qmDirectory = QStringLiteral(":/i18n"));

} // namespace Language

// View › Language: the setting as exclusive choices; choosing one saves it and says that it
// applies after a restart.
class LanguageMenu : public QMenu
{
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget *parent = nullptr);

private:
    void choose(const QString &code);
};

} // namespace OrkestrUi
