#include "ui/i18n/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

namespace Language {

QString settingsKey()
{
    return u"ui/language"_s;
}

QList<Option> options()
{
    // The languages' own names: someone who cannot read the current language still finds theirs.
    return {
        {QString(), QCoreApplication::translate("OrkestrUi::LanguageMenu", "System default")},
        {u"en"_s, u"English"_s},
        {u"de"_s, u"Deutsch"_s},
        {u"fi"_s, u"Suomi"_s},
    };
}

QString setting(const QSettings &settings)
{
    const QString code = settings.value(settingsKey()).toString();
    for (const Option &option : options()) {
        if (!option.code.isEmpty() && option.code == code)
            return code;
    }
    return {};
}

void setSetting(QSettings &settings, const QString &code)
{
    if (code.isEmpty())
        settings.remove(settingsKey());
    else
        settings.setValue(settingsKey(), code);
}

QLocale localeFor(const QString &code)
{
    return code.isEmpty() ? QLocale::system() : QLocale(code);
}

QString install(QCoreApplication *app, const QLocale &locale, const QString &qmDirectory)
{
    auto *appTranslator = new QTranslator(app);
    if (!appTranslator->load(locale, u"orkestr-desk"_s, u"_"_s, qmDirectory)) {
        delete appTranslator;
        return {};
    }
    QCoreApplication::installTranslator(appTranslator);
    // "de", or "de_DE" if a .ts file ever names a territory: Qt's file names use the language.
    const QString language = appTranslator->language().section(u'_', 0, 0);
    if (language != u"en"_s) {
        auto *qtTranslator = new QTranslator(app);
        if (qtTranslator->load(QLocale(language), u"qtbase"_s, u"_"_s,
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qtTranslator);
        else
            delete qtTranslator;
    }
    return language;
}

} // namespace Language

LanguageMenu::LanguageMenu(QWidget *parent)
    : QMenu(tr("&Language"), parent)
{
    setObjectName(u"languageMenu"_s);
    setToolTipsVisible(true);
    auto *group = new QActionGroup(this);
    const QString current = Language::setting(QSettings());
    for (const auto &option : Language::options()) {
        QAction *action = addAction(option.label);
        action->setCheckable(true);
        action->setChecked(option.code == current);
        action->setData(option.code);
        action->setStatusTip(tr("Takes effect when Orkestr Desk is started again."));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = option.code] { choose(code); });
    }
}

void LanguageMenu::choose(const QString &code)
{
    QSettings settings;
    if (Language::setting(settings) == code)
        return;
    Language::setSetting(settings, code);
    // Not modal: the choice is saved already, the box only tells when it applies.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Language"),
                                tr("The language changes when Orkestr Desk is started again."),
                                QMessageBox::Ok, parentWidget() ? parentWidget()->window() : nullptr);
    box->setObjectName(u"languageRestartNotice"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace OrkestrUi
