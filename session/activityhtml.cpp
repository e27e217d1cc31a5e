#include "session/activityhtml.h"

#include "session/activitytext.h"

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;

namespace OrkestrSession {

namespace {

QString colour(quint32 rgb)
{
    return u"#%1"_s.arg(rgb, 6, 16, QChar(u'0'));
}

} // namespace

QString ActivityHtml::escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString ActivityHtml::time(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QByteArray ActivityHtml::begin(const QString &sandboxId, const QDateTime &exportedAt)
{
    // Dark on light for printing; the colours of output are inline so that the report needs
    // nothing but itself.
    static const auto style = uR"(
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; background: #fff; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-top: 2em; } h3 { font: 600 1em monospace; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 8px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
td.seq, td.time { font-family: monospace; white-space: nowrap; color: #59636e; }
tr.failure td { background: #ffebe9; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
dt { color: #59636e; } dd { margin: 0; font-family: monospace; }
pre.output { background: #0d1117; color: #e6edf3; padding: 8px; white-space: pre-wrap; word-break: break-all; }
pre.output .stderr { text-decoration: underline dotted #ff7b72; }
.gap { color: #d29922; font-style: italic; }
)"_s;
    return u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>%1</title>\n<style>%2</style>\n"
           "</head><body>\n<h1>%1</h1>\n<p>%3</p>\n<table "
           "class=\"timeline\"><thead><tr><th>%4</th><th>%5</th>"
           "<th>%6</th><th>%7</th><th>%8</th></tr></thead><tbody>\n"_s
               .arg(escaped(tr("Activity of %1").arg(sandboxId)), style,
                    escaped(tr("Exported %1 (UTC) by Orkestr Desk.").arg(time(exportedAt))), escaped(tr("#")),
                    escaped(tr("Time")), escaped(tr("Kind")), escaped(tr("Actor")),
                    escaped(tr("What happened")))
               .toUtf8();
}

QByteArray ActivityHtml::eventRow(const ActivityEvent &event, const QString &command)
{
    QString summary = escaped(ActivityText::summary(event, command));
    if (event.knownKind() == ActivityEvent::Kind::ExecStarted
        || event.knownKind() == ActivityEvent::Kind::ExecFinished)
        summary = u"<a href=\"#%1\">%2</a>"_s.arg(escaped(event.execId()), summary);
    return u"<tr%1><td class=\"seq\">%2</td><td class=\"time\">%3</td><td>%4</td><td>%5</td><td>%6</td></tr>\n"_s
        .arg(event.isFailure() ? u" class=\"failure\""_s : QString())
        .arg(event.seq)
        .arg(time(event.at), escaped(event.kind), escaped(ActivityText::actor(event.actor)), summary)
        .toUtf8();
}

QByteArray ActivityHtml::endTimeline(qint64 events, qint64 execs)
{
    return u"</tbody></table>\n<p>%1</p>\n<h2>%2</h2>\n"_s
        .arg(
            escaped(tr("%n event(s),", nullptr, int(events)) + u' ' + tr("%n exec(s).", nullptr, int(execs))),
            escaped(tr("Output of the execs")))
        .toUtf8();
}

QByteArray ActivityHtml::beginExec(const Orkestr::ExecRecord &record, const QStringList &envKeys)
{
    QString fields;
    const auto field = [&fields](const QString &name, const QString &value) {
        if (!value.isEmpty())
            fields += u"<dt>%1</dt><dd>%2</dd>"_s.arg(escaped(name), escaped(value));
    };
    field(tr("Exec"), record.execId);
    field(tr("Directory"), record.cwd);
    field(tr("Mode"), record.mode);
    field(tr("Environment"), envKeys.join(u", "_s)); // names only: the values are never journaled
    field(tr("Actor"), ActivityText::actor(record.actor));
    field(tr("Started"), time(record.startedAt));
    field(tr("Finished"), record.finishedAt.isValid() ? time(record.finishedAt) : QString());
    field(tr("Status"), record.statusText);
    field(tr("Exit code"), record.exitCode ? QString::number(*record.exitCode) : QString());
    field(tr("Signal"), record.signal ? QString::number(*record.signal) : QString());
    field(tr("Duration"), record.durationMs ? ActivityText::duration(*record.durationMs) : QString());
    field(tr("Output"),
          tr("%1 stdout, %2 stderr")
              .arg(ActivityText::size(record.stdoutBytes), ActivityText::size(record.stderrBytes)));
    return u"<section id=\"%1\"><h3>%2</h3><dl>%3</dl><pre class=\"output\">"_s
        .arg(escaped(record.execId), escaped(record.command), fields)
        .toUtf8();
}

QByteArray ActivityHtml::output(const QList<AnsiRun> &runs, bool isStderr)
{
    QString html;
    for (const auto &run : runs) {
        const AnsiStyle &style = run.style;
        QString css;
        AnsiColor foreground = style.foreground;
        AnsiColor background = style.background;
        if (style.inverse) {
            std::swap(foreground, background);
            if (foreground.isDefault())
                foreground = AnsiColor::fromRgb(0x0d, 0x11, 0x17);
            if (background.isDefault())
                background = AnsiColor::fromRgb(0xe6, 0xed, 0xf3);
        }
        if (!foreground.isDefault())
            css += u"color:%1;"_s.arg(colour(foreground.toRgb(0)));
        if (!background.isDefault())
            css += u"background:%1;"_s.arg(colour(background.toRgb(0)));
        if (style.bold)
            css += u"font-weight:bold;"_s;
        if (style.italic)
            css += u"font-style:italic;"_s;
        if (style.underline)
            css += u"text-decoration:underline;"_s;
        const QString cls = isStderr ? u" class=\"stderr\""_s : QString();
        if (css.isEmpty() && cls.isEmpty())
            html += escaped(run.text);
        else
            html += u"<span%1%2>%3</span>"_s.arg(cls, css.isEmpty() ? QString() : u" style=\"%1\""_s.arg(css),
                                                 escaped(run.text));
    }
    return html.toUtf8();
}

QByteArray ActivityHtml::outputGap(const QString &stream, qint64 bytes)
{
    const QString note = stream.isEmpty()
        ? tr("[%1 of output not kept]").arg(ActivityText::size(bytes))
        : tr("[%1 of %2 no longer kept by the server]").arg(ActivityText::size(bytes), stream);
    return u"<span class=\"gap\">%1</span>\n"_s.arg(escaped(note)).toUtf8();
}

QByteArray ActivityHtml::endExec(const QString &ending)
{
    return u"</pre><p>%1</p></section>\n"_s.arg(escaped(ending)).toUtf8();
}

QByteArray ActivityHtml::end()
{
    return "</body></html>\n";
}

} // namespace OrkestrSession
