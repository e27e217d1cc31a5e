#pragma once

// Finds user-visible texts in C++ sources that are not marked for translation.
//
// The rules, explicitly:
//
// 1. A "text call" is a call (or constructor) from textCalls() below: setters of widget texts
//    (setText, setWindowTitle, setToolTip, setPlaceholderText, setStatusTip, setTitle,
//    setLabelText, setHeaderLabels, showMessage, setTabText, …), the widget and action
//    constructors that take a text (QLabel, QPushButton, QAction, QCheckBox, QGroupBox, …),
//    addAction/addMenu/addTab/insertTab/addItem/addRow, the static QMessageBox, QInputDialog and
//    QFileDialog functions, and, for texts that reach the user from the library, setErrorString
//    and the message argument of the ApiError constructor. Each call lists which of its
//    arguments hold text (or all of them).
//    Also the body of every headerData() function (a model's column titles).
// 2. In such an argument (or body), every string literal ("…", u"…", u"…"_s, QStringLiteral("…"),
//    QLatin1String("…"), QString::fromUtf8("…") …) is a violation unless
//    - it sits directly in a call that marks or is not text: tr, translate, QT_TR_NOOP,
//      QT_TRANSLATE_NOOP, qtTrId (marked); QKeySequence (shortcuts), toString (date and number
//      formats), fromTheme and QIcon (icon names), setObjectName (the literal wrappers
//      QStringLiteral, QLatin1String, u""_s … are looked through), or
//    - it holds no letter ("+", "/", " · ", "%1 (%2)": symbols and layouts, nothing to
//      translate), or
//    - its exact text is in allowList(): texts that must stay as they are in every language,
//      each with its reason.
// 3. Comments are skipped; escapes such as \n do not count as letters.
//
// It is a lexical scan, not a parser: a text assigned to a variable first and passed later is
// not seen (lupdate and the translation files catch the marked side of that; the GUI test of
// tst_translatedui catches what still shows in English).

#include <QList>
#include <QString>
#include <QStringList>

namespace I18nCheck {

struct Violation
{
    QString file;
    int line = 0;
    QString call;
    QString literal;
};

struct AllowedText
{
    QString text;
    QString reason;
};

// Texts that stay untranslated on purpose, with the reason.
QList<AllowedText> allowList();

// The violations in one source text; file is only copied into the results.
QList<Violation> scanSource(const QString &source, const QString &file);

// The violations in every .cpp and .h file under each of the directories (recursively).
QList<Violation> scanDirectories(const QStringList &directories);

} // namespace I18nCheck
