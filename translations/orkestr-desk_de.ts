<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>NotificationPolicy</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sandbox failed</source>
        <translation>Sandbox fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation>%1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Sandbox timed out</source>
        <translation>Sandbox-Zeitlimit erreicht</translation>
    </message>
    <message>
        <source>%1 reached its timeout of %2 s and was terminated.</source>
        <translation>%1 hat ihr Zeitlimit von %2 s erreicht und wurde beendet.</translation>
    </message>
    <message>
        <source>Command finished</source>
        <translation>Befehl beendet</translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation>Befehl fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 in %2 exited with %3 after %4 s.</source>
        <translation>%1 in %2 endete nach %4 s mit %3.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ApiError</name>
    <message>
        <source>The server answered HTTP %1 without an error description.</source>
        <translation>Der Server antwortete mit HTTP %1 ohne Fehlerbeschreibung.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1 (request %2)</source>
        <translation>%1 (Anfrage %2)</translation>
    </message>
    <message>
        <source>The server sent a malformed response (%1 at byte %2).</source>
        <translation>Der Server hat eine fehlerhafte Antwort gesendet (%1 bei Byte %2).</translation>
    </message>
</context>
<context>
    <name>Orkestr::AttachExecJob</name>
    <message>
        <source>Detaching never stops the command: it may still be running in the sandbox.</source>
        <translation>Das Trennen beendet den Befehl nie: Er läuft möglicherweise noch in der Sandbox.</translation>
    </message>
</context>
<context>
    <name>Orkestr::Base64JsonEncoder</name>
    <message>
        <source>The data to upload ended %1 bytes early.</source>
        <translation>Die hochzuladenden Daten endeten %1 Bytes zu früh.</translation>
    </message>
</context>
<context>
    <name>Orkestr::Base64StreamDecoder</name>
    <message>
        <source>Could not write the downloaded file: %1</source>
        <translation>Die heruntergeladene Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The file content is not valid base64 (its length is not a multiple of 4).</source>
        <translation>Der Dateiinhalt ist kein gültiges Base64 (seine Länge ist kein Vielfaches von 4).</translation>
    </message>
    <message>
        <source>The file content is not valid base64 (padding in the middle).</source>
        <translation>Der Dateiinhalt ist kein gültiges Base64 (Auffüllzeichen mittendrin).</translation>
    </message>
    <message>
        <source>The file content is not valid base64.</source>
        <translation>Der Dateiinhalt ist kein gültiges Base64.</translation>
    </message>
    <message>
        <source>The file content holds an unexpected escape sequence.</source>
        <translation>Der Dateiinhalt enthält eine unerwartete Escape-Sequenz.</translation>
    </message>
    <message>
        <source>The &quot;%1&quot; field of the response is not a string.</source>
        <translation>Das Feld „%1“ der Antwort ist keine Zeichenkette.</translation>
    </message>
    <message>
        <source>The response holds the &quot;%1&quot; field twice.</source>
        <translation>Die Antwort enthält das Feld „%1“ zweimal.</translation>
    </message>
    <message>
        <source>The response holds data after its JSON document.</source>
        <translation>Die Antwort enthält Daten nach ihrem JSON-Dokument.</translation>
    </message>
    <message>
        <source>The response is not valid JSON.</source>
        <translation>Die Antwort ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>The response is too large outside its file content.</source>
        <translation>Die Antwort ist außerhalb des Dateiinhalts zu groß.</translation>
    </message>
    <message>
        <source>The response ended before its JSON document was complete.</source>
        <translation>Die Antwort endete, bevor ihr JSON-Dokument vollständig war.</translation>
    </message>
    <message>
        <source>The response has no &quot;%1&quot; field.</source>
        <translation>Die Antwort hat kein Feld „%1“.</translation>
    </message>
    <message>
        <source>The server sent a malformed response (%1).</source>
        <translation>Der Server hat eine fehlerhafte Antwort gesendet (%1).</translation>
    </message>
    <message>
        <source>The file has an unsupported encoding &quot;%1&quot;.</source>
        <translation>Die Datei hat eine nicht unterstützte Kodierung „%1“.</translation>
    </message>
</context>
<context>
    <name>Orkestr::Client</name>
    <message>
        <source>The server address &quot;%1&quot; is not a valid URL.</source>
        <translation>Die Serveradresse „%1“ ist keine gültige URL.</translation>
    </message>
    <message>
        <source>Unsupported URL scheme &quot;%1&quot;; use https.</source>
        <translation>Nicht unterstütztes URL-Schema „%1“; verwenden Sie https.</translation>
    </message>
    <message>
        <source>Refusing to send the API token over plain http to %1. Use https, or allow insecure http for this connection explicitly.</source>
        <translation>Das API-Token wird nicht über unverschlüsseltes http an %1 gesendet. Verwenden Sie https oder erlauben Sie unsicheres http ausdrücklich für diese Verbindung.</translation>
    </message>
    <message>
        <source>No API token: set one in the connection profile or in ORKESTR_API_KEY.</source>
        <translation>Kein API-Token: Legen Sie eines im Verbindungsprofil oder in ORKESTR_API_KEY fest.</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was rejected: %1. Check the server address, or install the certificate of its authority on this computer.</source>
        <translation>Das TLS-Zertifikat des Servers wurde abgelehnt: %1. Prüfen Sie die Serveradresse oder installieren Sie das Zertifikat seiner Zertifizierungsstelle auf diesem Computer.</translation>
    </message>
    <message>
        <source>Could not reach the server: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The connection was lost while receiving the response: %1</source>
        <translation>Die Verbindung brach beim Empfang der Antwort ab: %1</translation>
    </message>
    <message>
        <source>the server closed it early</source>
        <translation>der Server hat sie vorzeitig geschlossen</translation>
    </message>
</context>
<context>
    <name>Orkestr::CreateSandboxParams</name>
    <message>
        <source>A template is required.</source>
        <translation>Eine Vorlage ist erforderlich.</translation>
    </message>
    <message>
        <source>cpu must be greater than zero.</source>
        <translation>cpu muss größer als null sein.</translation>
    </message>
    <message>
        <source>memory_mb must be greater than zero.</source>
        <translation>memory_mb muss größer als null sein.</translation>
    </message>
    <message>
        <source>timeout_seconds must be greater than zero.</source>
        <translation>timeout_seconds muss größer als null sein.</translation>
    </message>
    <message>
        <source>network must be off, restricted or open.</source>
        <translation>network muss off, restricted oder open sein.</translation>
    </message>
    <message>
        <source>metadata has %1 keys; at most %2 are allowed.</source>
        <translation>metadata hat %1 Schlüssel; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>metadata value of &quot;%1&quot; has %2 characters; at most %3 are allowed.</source>
        <translation>Der metadata-Wert von „%1“ hat %2 Zeichen; höchstens %3 sind erlaubt.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ExecOutputJob</name>
    <message>
        <source>The server sent a malformed output stream (a line longer than %1 bytes).</source>
        <translation>Der Server hat einen fehlerhaften Ausgabestrom gesendet (eine Zeile länger als %1 Bytes).</translation>
    </message>
    <message>
        <source>The output stream was cut before the command finished (%1). %2</source>
        <translation>Der Ausgabestrom brach ab, bevor der Befehl fertig war (%1). %2</translation>
    </message>
    <message>
        <source>the server closed the stream without an exit event</source>
        <translation>der Server hat den Strom ohne Exit-Ereignis geschlossen</translation>
    </message>
</context>
<context>
    <name>Orkestr::ExecStreamJob</name>
    <message>
        <source>The command may still be running in the sandbox until its own timeout.</source>
        <translation>Der Befehl läuft möglicherweise noch bis zu seinem eigenen Zeitlimit in der Sandbox.</translation>
    </message>
</context>
<context>
    <name>Orkestr::HttpStreamReply</name>
    <message>
        <source>The request has an invalid method or header.</source>
        <translation>Die Anfrage hat eine ungültige Methode oder Kopfzeile.</translation>
    </message>
    <message>
        <source>The server sent a malformed chunked response body.</source>
        <translation>Der Server hat einen fehlerhaften Antwortrumpf in Chunks gesendet.</translation>
    </message>
    <message>
        <source>The server sent a malformed response head.</source>
        <translation>Der Server hat einen fehlerhaften Antwortkopf gesendet.</translation>
    </message>
    <message>
        <source>The server closed the connection before the response was complete.</source>
        <translation>Der Server hat die Verbindung geschlossen, bevor die Antwort vollständig war.</translation>
    </message>
    <message>
        <source>The server replied: %1 %2</source>
        <translation>Der Server antwortete: %1 %2</translation>
    </message>
    <message>
        <source>No data arrived for %1 ms.</source>
        <translation>%1 ms lang sind keine Daten angekommen.</translation>
    </message>
    <message>
        <source>Operation canceled</source>
        <translation>Vorgang abgebrochen</translation>
    </message>
</context>
<context>
    <name>Orkestr::Job</name>
    <message>
        <source>The server&apos;s response has no &quot;%1&quot; array.</source>
        <translation>Die Antwort des Servers hat kein Array „%1“.</translation>
    </message>
    <message>
        <source>The server&apos;s response has no &quot;sandboxes&quot; object.</source>
        <translation>Die Antwort des Servers hat kein Objekt „sandboxes“.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ListEventsParams</name>
    <message>
        <source>after_seq and before_seq cannot be given together.</source>
        <translation>after_seq und before_seq können nicht zusammen angegeben werden.</translation>
    </message>
    <message>
        <source>after_seq must not be negative.</source>
        <translation>after_seq darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>before_seq must not be negative.</source>
        <translation>before_seq darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>limit must be between 1 and 1000.</source>
        <translation>limit muss zwischen 1 und 1000 liegen.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ListSandboxesJob</name>
    <message>
        <source>The server&apos;s sandbox list has no &quot;sandboxes&quot; array.</source>
        <translation>Die Sandbox-Liste des Servers hat kein Array „sandboxes“.</translation>
    </message>
    <message>
        <source>The server&apos;s sandbox list gives two different next_cursor values.</source>
        <translation>Die Sandbox-Liste des Servers nennt zwei verschiedene Werte für „next_cursor“.</translation>
    </message>
</context>
<context>
    <name>Orkestr::LocalServerProcess</name>
    <message>
        <source>Could not create a token for the local server: %1</source>
        <translation>Für den lokalen Server konnte kein Token erstellt werden: %1</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>The local server stopped before it was ready: %1</source>
        <translation>Der lokale Server wurde beendet, bevor er bereit war: %1</translation>
    </message>
</context>
<context>
    <name>Orkestr::PtySession</name>
    <message>
        <source>No API token: set one in the connection profile or in ORKESTR_API_KEY.</source>
        <translation>Kein API-Token: Legen Sie eines im Verbindungsprofil oder in ORKESTR_API_KEY fest.</translation>
    </message>
    <message>
        <source>The terminal&apos;s connection was lost (%1).</source>
        <translation>Die Verbindung des Terminals ist abgebrochen (%1).</translation>
    </message>
    <message>
        <source>The server did not accept the API token.</source>
        <translation>Der Server hat das API-Token nicht akzeptiert.</translation>
    </message>
    <message>
        <source>This token may not open a terminal: it needs the sandboxes:write scope.</source>
        <translation>Dieses Token darf kein Terminal öffnen: Es braucht den Bereich sandboxes:write.</translation>
    </message>
    <message>
        <source>The sandbox is %1: a terminal needs it running.</source>
        <translation>Die Sandbox ist %1: Ein Terminal braucht sie laufend.</translation>
    </message>
    <message>
        <source>This server has no interactive terminal (pty).</source>
        <translation>Dieser Server hat kein interaktives Terminal (pty).</translation>
    </message>
    <message>
        <source>The terminal could not connect: %1</source>
        <translation>Das Terminal konnte sich nicht verbinden: %1</translation>
    </message>
</context>
<context>
    <name>Orkestr::ReadFileJob</name>
    <message>
        <source>Reading %1 failed: %2</source>
        <translation>Lesen von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reading %1 failed: the server announced %2 bytes but sent %3.</source>
        <translation>Lesen von %1 fehlgeschlagen: Der Server kündigte %2 Bytes an, sendete aber %3.</translation>
    </message>
</context>
<context>
    <name>Orkestr::SandboxWatchJob</name>
    <message>
        <source>The server sent a sandbox change without an id or a version.</source>
        <translation>Der Server hat eine Sandbox-Änderung ohne ID oder Version gesendet.</translation>
    </message>
</context>
<context>
    <name>Orkestr::SignalProcessJob</name>
    <message>
        <source>The signal must be a number from 1 to 31.</source>
        <translation>Das Signal muss eine Zahl von 1 bis 31 sein.</translation>
    </message>
    <message>
        <source>The process id must be a positive number.</source>
        <translation>Die Prozess-ID muss eine positive Zahl sein.</translation>
    </message>
</context>
<context>
    <name>Orkestr::SseStreamJob</name>
    <message>
        <source>The server sent a malformed events stream (a line longer than %1 bytes).</source>
        <translation>Der Server hat einen fehlerhaften Ereignisstrom gesendet (eine Zeile länger als %1 Bytes).</translation>
    </message>
</context>
<context>
    <name>Orkestr::WriteFileJob</name>
    <message>
        <source>The data for %1 cannot be read.</source>
        <translation>Die Daten für %1 können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The size of the data for %1 must be given for a sequential device.</source>
        <translation>Für ein sequenzielles Gerät muss die Größe der Daten für %1 angegeben werden.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ActivityExport</name>
    <message>
        <source>Still running when the report was made; no output yet.</source>
        <translation>Lief noch, als der Bericht erstellt wurde; noch keine Ausgabe.</translation>
    </message>
    <message>
        <source>Still running when the report was made.</source>
        <translation>Lief noch, als der Bericht erstellt wurde.</translation>
    </message>
    <message>
        <source>Exited with code %1 after %2.</source>
        <translation>Nach %2 mit Code %1 beendet.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ActivityHtml</name>
    <message>
        <source>Activity of %1</source>
        <translation>Aktivität von %1</translation>
    </message>
    <message>
        <source>Exported %1 (UTC) by Orkestr Desk.</source>
        <translation>Exportiert am %1 (UTC) von Orkestr Desk.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s),</source>
        <translation>
            <numerusform>%n Ereignis,</numerusform>
            <numerusform>%n Ereignisse,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exec(s).</source>
        <translation>
            <numerusform>%n Befehlsausführung.</numerusform>
            <numerusform>%n Befehlsausführungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Output of the execs</source>
        <translation>Ausgabe der Befehle</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signal</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>%1 stdout, %2 stderr</source>
        <translation>%1 stdout, %2 stderr</translation>
    </message>
    <message>
        <source>[%1 of output not kept]</source>
        <translation>[%1 Ausgabe nicht aufbewahrt]</translation>
    </message>
    <message>
        <source>[%1 of %2 no longer kept by the server]</source>
        <translation>[%1 von %2 hält der Server nicht mehr vor]</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ActivityText</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>system: %1</source>
        <translation>System: %1</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>Exit %1</translation>
    </message>
    <message>
        <source>exit %1 in %2</source>
        <translation>Exit %1 nach %2</translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation>Zeitlimit nach %1</translation>
    </message>
    <message>
        <source>killed by signal %1 after %2</source>
        <translation>nach %2 durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>killed after %1</source>
        <translation>nach %1 abgebrochen</translation>
    </message>
    <message>
        <source>lost when the server restarted</source>
        <translation>beim Neustart des Servers verloren</translation>
    </message>
    <message>
        <source>created from %1 in %2</source>
        <translation>aus %1 in %2 erstellt</translation>
    </message>
    <message>
        <source>paused (snapshot %1, %2)</source>
        <translation>pausiert (Snapshot %1, %2)</translation>
    </message>
    <message>
        <source>resumed (%1)</source>
        <translation>fortgesetzt (%1)</translation>
    </message>
    <message>
        <source>terminated: timed out</source>
        <translation>beendet: Zeitlimit erreicht</translation>
    </message>
    <message>
        <source>terminated after an error</source>
        <translation>nach einem Fehler beendet</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation>%1 ausgeführt</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>wrote %1 (%2)</source>
        <translation>%1 geschrieben (%2)</translation>
    </message>
    <message>
        <source>deleted %1 and its contents</source>
        <translation>%1 samt Inhalt gelöscht</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>network denied: %1:%2</source>
        <translation>Netzwerk verweigert: %1:%2</translation>
    </message>
    <message>
        <source>signal %1 to process %2 (%3)</source>
        <translation>Signal %1 an Prozess %2 (%3)</translation>
    </message>
    <message>
        <source>%1 %2 → %3 %4 (%5)</source>
        <translation>%1 %2 → %3 %4 (%5)</translation>
    </message>
    <message>
        <source>interactive shell</source>
        <translation>interaktive Shell</translation>
    </message>
    <message>
        <source>interactive shell (%1)</source>
        <translation>interaktive Shell (%1)</translation>
    </message>
    <message>
        <source>You (%1)</source>
        <translation>Sie (%1)</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::AgentTokenIssuer</name>
    <message>
        <source>Could not create the token: %1</source>
        <translation>Das Token konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation>%1 konnte nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Name the agent, e.g. &quot;research-bot&quot;.</source>
        <translation>Geben Sie dem Agenten einen Namen, z. B. „research-bot“.</translation>
    </message>
    <message>
        <source>Use up to 64 letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.</source>
        <translation>Verwenden Sie bis zu 64 Buchstaben, Ziffern, Leerzeichen, Punkte, Bindestriche und Unterstriche, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>The name must not start with &quot;ork_&quot; or &quot;tok_&quot;.</source>
        <translation>Der Name darf nicht mit „ork_“ oder „tok_“ beginnen.</translation>
    </message>
    <message>
        <source>Agents can be connected to a local orkestr-local only.</source>
        <translation>Agenten können nur mit einem lokalen orkestr-local verbunden werden.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::LocalService</name>
    <message>
        <source>The orkestr-local service did not answer at %1 after it was started.</source>
        <translation>Der orkestr-local-Dienst hat nach dem Start unter %1 nicht geantwortet.</translation>
    </message>
    <message>
        <source>Could not start the orkestr-local service: %1</source>
        <translation>Der orkestr-local-Dienst konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation>%1 wurde mit Code %2 beendet</translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation>%1 konnte nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Could not create a token for the orkestr-local service: %1</source>
        <translation>Für den orkestr-local-Dienst konnte kein Token erstellt werden: %1</translation>
    </message>
    <message>
        <source>Another program than orkestr-local answers at %1.</source>
        <translation>Unter %1 antwortet ein anderes Programm als orkestr-local.</translation>
    </message>
    <message>
        <source>The orkestr-local service at %1 does not accept a token made in %2: it keeps its data elsewhere.</source>
        <translation>Der orkestr-local-Dienst unter %1 akzeptiert kein in %2 erstelltes Token: Er speichert seine Daten an einem anderen Ort.</translation>
    </message>
    <message>
        <source>No orkestr-local service answers at %1.</source>
        <translation>Unter %1 antwortet kein orkestr-local-Dienst.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ProcessSignaller</name>
    <message>
        <source>Sent %1 to %2 (%3).</source>
        <translation>%1 an %2 (%3) gesendet.</translation>
    </message>
    <message>
        <source>Could not send %1 to %2 (%3): %4</source>
        <translation>%1 konnte nicht an %2 (%3) gesendet werden: %4</translation>
    </message>
    <message>
        <source>Send %1</source>
        <translation>%1 senden</translation>
    </message>
    <message>
        <source>Send %1 to process %2 (%3) in %4?</source>
        <translation>%1 an Prozess %2 (%3) in %4 senden?</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Beenden erzwingen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>Signal %1</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ProcessTreeModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Sleeping</source>
        <translation>Schläft</translation>
    </message>
    <message>
        <source>Waiting for I/O</source>
        <translation>Wartet auf E/A</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Zombie</source>
        <translation>Zombie</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Untätig</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>What the process is doing, as /proc tells it</source>
        <translation>Was der Prozess gerade tut, laut /proc</translation>
    </message>
    <message>
        <source>Share of one core (200 % is two full cores)</source>
        <translation>Anteil an einem Kern (200 % sind zwei volle Kerne)</translation>
    </message>
    <message>
        <source>Resident memory</source>
        <translation>Belegter Arbeitsspeicher (resident)</translation>
    </message>
    <message>
        <source>The command that started the process; click to see it in Activity</source>
        <translation>Der Befehl, der den Prozess gestartet hat; ein Klick zeigt ihn in Aktivität</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::RemoteFiles</name>
    <message>
        <source>Replace?</source>
        <translation>Ersetzen?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>%1 is read-only.</source>
        <translation>%1 ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 existiert bereits.</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>%1 kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 erstellt.</translation>
    </message>
    <message>
        <source>%1 cannot be renamed here: it is read-only.</source>
        <translation>%1 kann hier nicht umbenannt werden: Es ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Cannot move to %1: the target must be inside %2, without “..”.</source>
        <translation>Verschieben nach %1 nicht möglich: Das Ziel muss innerhalb von %2 liegen, ohne „..“.</translation>
    </message>
    <message>
        <source>Moved %1 to %2.</source>
        <translation>%1 nach %2 verschoben.</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 existiert. Ersetzen?</translation>
    </message>
    <message>
        <source>Not renamed.</source>
        <translation>Nicht umbenannt.</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: it is read-only.</source>
        <translation>%1 kann nicht gelöscht werden: Es ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Delete?</source>
        <translation>Löschen?</translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation>Den Ordner %1 und seinen gesamten Inhalt löschen?</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Not deleted.</source>
        <translation>Nicht gelöscht.</translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation>%1 kann nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <source>%1 already exists in %2. Replace it?</source>
        <translation>%1 existiert bereits in %2. Ersetzen?</translation>
    </message>
    <message>
        <source>Cannot create the folders of %1: %2</source>
        <translation>Die Ordner von %1 können nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 existiert bereits. Ersetzen?</translation>
    </message>
    <message>
        <source>Cannot download %1: %2 is a file.</source>
        <translation>%1 kann nicht heruntergeladen werden: %2 ist eine Datei.</translation>
    </message>
    <message>
        <source>%1 already exists. Download into it, replacing files?</source>
        <translation>%1 existiert bereits. Hinein herunterladen und Dateien ersetzen?</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>%1 kann nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>The command failed (exit %1): %2</source>
        <translation>Der Befehl ist fehlgeschlagen (Exit %1): %2</translation>
    </message>
    <message>
        <source>Uploaded the folder %1.</source>
        <translation>Ordner %1 hochgeladen.</translation>
    </message>
    <message>
        <source>The transfer of %1 failed: %2</source>
        <translation>Die Übertragung von %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The transfer of %1 was cancelled.</source>
        <translation>Die Übertragung von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Downloaded the folder %1 to %2.</source>
        <translation>Ordner %1 nach %2 heruntergeladen.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::RemotePath</name>
    <message>
        <source>A name is required.</source>
        <translation>Ein Name ist erforderlich.</translation>
    </message>
    <message>
        <source>“%1” is not a valid name.</source>
        <translation>„%1“ ist kein gültiger Name.</translation>
    </message>
    <message>
        <source>“%1” is not a valid name: a name cannot contain “/” (no paths such as “../x”).</source>
        <translation>„%1“ ist kein gültiger Name: Ein Name darf kein „/“ enthalten (keine Pfade wie „../x“).</translation>
    </message>
    <message>
        <source>A name cannot contain a NUL character.</source>
        <translation>Ein Name darf kein NUL-Zeichen enthalten.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxActions</name>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Fortgesetzt</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>%1 %2 of %3.</source>
        <translation>%1: %2 von %3.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Terminate sandboxes</source>
        <translation>Sandboxes beenden</translation>
    </message>
    <message>
        <source>Terminate %1? Its processes stop and its files are deleted.</source>
        <translation>%1 beenden? Ihre Prozesse werden gestoppt und ihre Dateien gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Terminate %n sandboxes? Their processes stop and their files are deleted.</source>
        <translation>
            <numerusform>%n Sandbox beenden? Ihre Prozesse werden gestoppt und ihre Dateien gelöscht.</numerusform>
            <numerusform>%n Sandboxes beenden? Ihre Prozesse werden gestoppt und ihre Dateien gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxEnding</name>
    <message>
        <source>Terminated by %1</source>
        <translation>Beendet von %1</translation>
    </message>
    <message>
        <source>Timed out (%1)</source>
        <translation>Zeitlimit erreicht (%1)</translation>
    </message>
    <message>
        <source>Terminated after an error (%1)</source>
        <translation>Nach einem Fehler beendet (%1)</translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation>Fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <source>Ended: %1 (%2)</source>
        <translation>Beendet: %1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxPoller</name>
    <message>
        <source>Paused updates; last updated %1</source>
        <translation>Aktualisierung angehalten; zuletzt aktualisiert %1</translation>
    </message>
    <message>
        <source>Not updated yet</source>
        <translation>Noch nicht aktualisiert</translation>
    </message>
    <message>
        <source>Updated %1 s ago</source>
        <translation>Vor %1 s aktualisiert</translation>
    </message>
    <message>
        <source>Offline since %1: %2; retrying in %3 s</source>
        <translation>Offline seit %1: %2; neuer Versuch in %3 s</translation>
    </message>
    <message>
        <source>start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Rate limited by the server: waiting %1 s</source>
        <translation>Anfragelimit des Servers erreicht: %1 s Wartezeit</translation>
    </message>
    <message>
        <source>Updates stopped: %1</source>
        <translation>Aktualisierung gestoppt: %1</translation>
    </message>
    <message>
        <source>Updated live: changes show as they happen</source>
        <translation>Live aktualisiert: Änderungen erscheinen, sobald sie geschehen</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ShellSession</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>killed by signal %1 · %2</source>
        <translation>durch Signal %1 beendet · %2</translation>
    </message>
    <message>
        <source>killed by signal %1 (%2) · %3</source>
        <translation>durch Signal %1 (%2) beendet · %3</translation>
    </message>
    <message>
        <source>exit %1 · %2</source>
        <translation>Exit %1 · %2</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::Transfer</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::AccountPage</name>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <source>Limits and usage</source>
        <translation>Grenzen und Nutzung</translation>
    </message>
    <message>
        <source>Running sandboxes</source>
        <translation>Laufende Sandboxes</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Largest sandbox this plan allows</source>
        <translation>Größte Sandbox, die dieser Tarif erlaubt</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Arbeitsspeicher:</translation>
    </message>
    <message>
        <source>Lifetime:</source>
        <translation>Lebensdauer:</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source>Prefix:</source>
        <translation>Präfix:</translation>
    </message>
    <message>
        <source>Scopes:</source>
        <translation>Berechtigungen:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>%1 plan</source>
        <translation>Tarif %1</translation>
    </message>
    <message>
        <source>%1 of %2 running</source>
        <translation>%1 von %2 laufen</translation>
    </message>
    <message>
        <source>%1 of %2 in use: full</source>
        <translation>%1 von %2 belegt: voll</translation>
    </message>
    <message>
        <source>%1 of %2 in use</source>
        <translation>%1 von %2 belegt</translation>
    </message>
    <message numerus="yes">
        <source>%n paused sandbox(es), each keeping one snapshot</source>
        <translation>
            <numerusform>%n pausierte Sandbox mit je einem Snapshot</numerusform>
            <numerusform>%n pausierte Sandboxes mit je einem Snapshot</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cores</source>
        <translation>%1 Kerne</translation>
    </message>
    <message>
        <source>This token may create, change and terminate sandboxes.</source>
        <translation>Dieses Token darf Sandboxes erstellen, ändern und beenden.</translation>
    </message>
    <message>
        <source>Read-only: this token lacks sandboxes:write, so the dashboard only inspects.</source>
        <translation>Nur lesen: Diesem Token fehlt sandboxes:write, das Dashboard sieht daher nur nach.</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityDetails</name>
    <message>
        <source>Select an event to see what happened.</source>
        <translation>Wählen Sie ein Ereignis, um zu sehen, was geschah.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen …</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>exit %1 in %2</source>
        <translation>Exit %1 nach %2</translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation>Zeitüberschreitung nach %1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>durch Signal %1 beendet</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>beendet (kill)</translation>
    </message>
    <message>
        <source>lost (the server restarted while it ran)</source>
        <translation>verloren (der Server wurde während der Ausführung neu gestartet)</translation>
    </message>
    <message>
        <source>… %1 of %2 no longer kept …</source>
        <translation>… %1 von %2 nicht mehr aufbewahrt …</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>Exit %1</translation>
    </message>
    <message>
        <source>The output could not be fetched: %1</source>
        <translation>Die Ausgabe konnte nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>This server does not keep the output of commands.</source>
        <translation>Dieser Server bewahrt die Ausgabe von Befehlen nicht auf.</translation>
    </message>
    <message>
        <source>Save output</source>
        <translation>Ausgabe speichern</translation>
    </message>
    <message>
        <source>Saved the output to %1</source>
        <translation>Ausgabe in %1 gespeichert</translation>
    </message>
    <message>
        <source>Could not save the output: %1</source>
        <translation>Die Ausgabe konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Datei geschrieben</translation>
    </message>
    <message>
        <source>File deleted</source>
        <translation>Datei gelöscht</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Looking for the file…</source>
        <translation>Suche die Datei …</translation>
    </message>
    <message>
        <source>The sandbox is not running: its files cannot be opened now.</source>
        <translation>Die Sandbox läuft nicht: Ihre Dateien können jetzt nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The file is gone: it was deleted or moved since.</source>
        <translation>Die Datei ist nicht mehr da: Sie wurde seitdem gelöscht oder verschoben.</translation>
    </message>
    <message>
        <source>Connection refused by the network policy</source>
        <translation>Verbindung von der Netzwerkrichtlinie abgelehnt</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>This sandbox has no network (network &quot;off&quot;): every connection is refused. A sandbox created with network &quot;restricted&quot; or &quot;open&quot; could reach %1.</source>
        <translation>Diese Sandbox hat kein Netzwerk (Netzwerk „off“): Jede Verbindung wird abgelehnt. Eine Sandbox mit Netzwerk „restricted“ oder „open“ könnte %1 erreichen.</translation>
    </message>
    <message>
        <source>This sandbox&apos;s network is &quot;restricted&quot;: it reaches only the hosts on its server&apos;s allow-list, through the server&apos;s proxy. %1 is not on that list. The list is the server&apos;s setting (orkestr-local --allow-hosts); ask whoever runs the server to add the host, or use a sandbox with network &quot;open&quot;.</source>
        <translation>Das Netzwerk dieser Sandbox ist „restricted“: Sie erreicht nur die Hosts auf der Erlaubnisliste ihres Servers, über dessen Proxy. %1 steht nicht auf dieser Liste. Die Liste ist eine Einstellung des Servers (orkestr-local --allow-hosts); bitten Sie den Betreiber des Servers, den Host hinzuzufügen, oder verwenden Sie eine Sandbox mit Netzwerk „open“.</translation>
    </message>
    <message>
        <source>The server&apos;s network policy refused the connection to %1.</source>
        <translation>Die Netzwerkrichtlinie des Servers hat die Verbindung zu %1 abgelehnt.</translation>
    </message>
    <message>
        <source>Request failed</source>
        <translation>Anfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>The server refused this request. Quote the request id to support: it finds the request in the server&apos;s log.</source>
        <translation>Der Server hat diese Anfrage abgelehnt. Nennen Sie dem Support die Anfrage-ID: Damit findet er die Anfrage im Protokoll des Servers.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityExportPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Stop exporting; no file is left</source>
        <translation>Export beenden; es bleibt keine Datei zurück</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-Bericht (*.html)</translation>
    </message>
    <message>
        <source>NDJSON events (*.ndjson)</source>
        <translation>NDJSON-Ereignisse (*.ndjson)</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Aktivität exportieren</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1 …</translation>
    </message>
    <message>
        <source>Exported the activity to %1</source>
        <translation>Aktivität nach %1 exportiert</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityTab</name>
    <message>
        <source>Failures only</source>
        <translation>Nur Fehlschläge</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Kind of events</source>
        <translation>Art der Ereignisse</translation>
    </message>
    <message>
        <source>Show events of one kind only</source>
        <translation>Nur Ereignisse einer Art zeigen</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Befehle</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Failed requests</source>
        <translation>Fehlgeschlagene Anfragen</translation>
    </message>
    <message>
        <source>Only commands that failed, refused connections, failed requests and errors</source>
        <translation>Nur fehlgeschlagene Befehle, abgelehnte Verbindungen, fehlgeschlagene Anfragen und Fehler</translation>
    </message>
    <message>
        <source>Search activity</source>
        <translation>Aktivität durchsuchen</translation>
    </message>
    <message>
        <source>Search commands and paths</source>
        <translation>Befehle und Pfade durchsuchen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Aktivität exportieren</translation>
    </message>
    <message>
        <source>Save the activity as an HTML report or NDJSON for a support ticket</source>
        <translation>Die Aktivität als HTML-Bericht oder NDJSON für ein Support-Ticket speichern</translation>
    </message>
    <message>
        <source>Load the activity again</source>
        <translation>Aktivität erneut laden</translation>
    </message>
    <message>
        <source>Loading the activity…</source>
        <translation>Die Aktivität wird geladen …</translation>
    </message>
    <message>
        <source>Select a sandbox to see its activity.</source>
        <translation>Wählen Sie eine Sandbox, um ihre Aktivität zu sehen.</translation>
    </message>
    <message>
        <source>This server does not record activity: it keeps no journal of the commands, files and requests of its sandboxes.</source>
        <translation>Dieser Server zeichnet keine Aktivität auf: Er führt kein Journal über die Befehle, Dateien und Anfragen seiner Sandboxes.</translation>
    </message>
    <message>
        <source>The activity could not be loaded: %1</source>
        <translation>Die Aktivität konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The activity could not be updated: %1</source>
        <translation>Die Aktivität konnte nicht aktualisiert werden: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityTimelineView</name>
    <message>
        <source>Activity timeline</source>
        <translation>Aktivitätsverlauf</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::AttentionStrip</name>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Show only these</source>
        <translation>Nur diese zeigen</translation>
    </message>
    <message>
        <source>Show only the sandboxes that need attention</source>
        <translation>Nur die Sandboxes zeigen, die Aufmerksamkeit brauchen</translation>
    </message>
    <message>
        <source>Filter the list to failed sandboxes and those expiring within 5 minutes</source>
        <translation>Die Liste auf fehlgeschlagene Sandboxes und solche filtern, die innerhalb von 5 Minuten ablaufen</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expiring within 5 minutes</source>
        <translation>
            <numerusform>%n läuft innerhalb von 5 Minuten ab</numerusform>
            <numerusform>%n laufen innerhalb von 5 Minuten ab</numerusform>
        </translation>
    </message>
    <message>
        <source>snapshot quota full</source>
        <translation>Snapshot-Kontingent voll</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>Anfragen begrenzt</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Braucht Aufmerksamkeit: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Find a sandbox by id or metadata, or an action by name</source>
        <translation>Eine Sandbox nach ID oder Metadaten finden, oder eine Aktion nach Namen</translation>
    </message>
    <message>
        <source>Palette search</source>
        <translation>Suche der Palette</translation>
    </message>
    <message>
        <source>Palette results</source>
        <translation>Ergebnisse der Palette</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ConnectAgentDialog</name>
    <message>
        <source>Connect an agent</source>
        <translation>Agenten verbinden</translation>
    </message>
    <message>
        <source>e.g. research-bot</source>
        <translation>z. B. research-bot</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Read and &amp;write: create sandboxes, run commands, write files</source>
        <translation>Lesen und &amp;schreiben: Sandboxes erstellen, Befehle ausführen, Dateien schreiben</translation>
    </message>
    <message>
        <source>&amp;Read only: look at sandboxes, files and activity</source>
        <translation>Nur &amp;lesen: Sandboxes, Dateien und Aktivität ansehen</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>Zugriff:</translation>
    </message>
    <message>
        <source>Create &amp;token</source>
        <translation>&amp;Token erstellen</translation>
    </message>
    <message>
        <source>Agents can be connected to the orkestr-local on this machine: choose the Local connection first. For another server, create the token where that server is administered.</source>
        <translation>Agenten können mit dem orkestr-local auf diesem Rechner verbunden werden: Wählen Sie zuerst die lokale Verbindung. Für einen anderen Server erstellen Sie das Token dort, wo dieser Server verwaltet wird.</translation>
    </message>
    <message>
        <source>Create a token for an agent that drives sandboxes on this machine through the SDK. Everything it does shows its name as the actor.</source>
        <translation>Erstellen Sie ein Token für einen Agenten, der Sandboxes auf diesem Rechner über das SDK steuert. Alles, was er tut, zeigt seinen Namen als Akteur.</translation>
    </message>
    <message>
        <source>Create a token for an agent that drives sandboxes on this machine through the SDK. Everything it does shows its name as the actor. The embedded server answers only while Orkestr Desk runs, on a port that changes: install the orkestr-local user service for a stable address.</source>
        <translation>Erstellen Sie ein Token für einen Agenten, der Sandboxes auf diesem Rechner über das SDK steuert. Alles, was er tut, zeigt seinen Namen als Akteur. Der eingebettete Server antwortet nur, solange Orkestr Desk läuft, und auf einem wechselnden Port: Installieren Sie den orkestr-local-Benutzerdienst für eine feste Adresse.</translation>
    </message>
    <message>
        <source>Creating the token…</source>
        <translation>Token wird erstellt …</translation>
    </message>
    <message>
        <source>The token of &quot;%1&quot; is shown only now: copy it into the agent&apos;s environment. It is also kept in the keychain.</source>
        <translation>Das Token von „%1“ wird nur jetzt angezeigt: Kopieren Sie es in die Umgebung des Agenten. Es wird außerdem im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Base URL (the SDK&apos;s baseUrl option)</source>
        <translation>Basis-URL (die Option baseUrl des SDK)</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ConnectionManager</name>
    <message>
        <source>No token is stored for &quot;%1&quot;: set one under Connection › Manage connections, or in ORKESTR_API_KEY.</source>
        <translation>Für „%1“ ist kein Token gespeichert: Legen Sie eines unter Verbindung › Verbindungen verwalten oder in ORKESTR_API_KEY fest.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>Starting the local server…</source>
        <translation>Lokaler Server wird gestartet …</translation>
    </message>
    <message>
        <source>Looking for the orkestr-local service…</source>
        <translation>orkestr-local-Dienst wird gesucht …</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::CreateSandboxDialog</name>
    <message>
        <source>New sandbox</source>
        <translation>Neue Sandbox</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source> vCPU</source>
        <translation> vCPU</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>off: no network</source>
        <translation>off: kein Netzwerk</translation>
    </message>
    <message>
        <source>restricted</source>
        <translation>eingeschränkt</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>Beliebige Region</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Netzwerk:</translation>
    </message>
    <message>
        <source>Environment (values are secret, never shown again):</source>
        <translation>Umgebung (Werte geheim, nie wieder angezeigt):</translation>
    </message>
    <message>
        <source>Metadata (at most %1 keys, values up to %2 characters):</source>
        <translation>Metadaten (höchstens %1 Schlüssel, Werte bis %2 Zeichen):</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Could not load the templates: %1</source>
        <translation>Die Vorlagen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation>%1 (nicht verfügbar)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Wählen Sie eine Vorlage.</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Vorlagen werden geladen …</translation>
    </message>
    <message>
        <source>The %1 plan allows at most %2 vCPU.</source>
        <translation>Der Tarif %1 erlaubt höchstens %2 vCPU.</translation>
    </message>
    <message>
        <source>The %1 plan allows at most %2 MB.</source>
        <translation>Der Tarif %1 erlaubt höchstens %2 MB.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt …</translation>
    </message>
    <message>
        <source>%1 (field: %2)</source>
        <translation>%1 (Feld: %2)</translation>
    </message>
    <message>
        <source>The sandbox was not created: %1</source>
        <translation>Die Sandbox wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::EditorTab</name>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>Binary file, read-only; the first %1 of %2 are shown.</source>
        <translation>Binärdatei, schreibgeschützt; die ersten %1 von %2 werden angezeigt.</translation>
    </message>
    <message>
        <source>Binary file, read-only.</source>
        <translation>Binärdatei, schreibgeschützt.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Find/Replace</source>
        <translation>Suchen/Ersetzen</translation>
    </message>
    <message>
        <source>Go to Line…</source>
        <translation>Gehe zu Zeile …</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>Zeile:</translation>
    </message>
    <message>
        <source>Plain Text</source>
        <translation>Nur Text</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Ersetzen durch</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Alle ersetzen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>“%1” was not found.</source>
        <translation>„%1“ wurde nicht gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s).</source>
        <translation>
            <numerusform>%n Ersetzung.</numerusform>
            <numerusform>%n Ersetzungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::EventDetails</name>
    <message>
        <source>Open in Files</source>
        <translation>In Dateien öffnen</translation>
    </message>
    <message>
        <source>Copy request id</source>
        <translation>Anfrage-ID kopieren</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>Ereignisdetails</translation>
    </message>
    <message>
        <source>Show the file in the Files tab</source>
        <translation>Die Datei im Reiter Dateien zeigen</translation>
    </message>
    <message>
        <source>Copy the request id for a support ticket</source>
        <translation>Die Anfrage-ID für ein Support-Ticket kopieren</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ExecDetails</name>
    <message>
        <source>Copy command</source>
        <translation>Befehl kopieren</translation>
    </message>
    <message>
        <source>Save output…</source>
        <translation>Ausgabe speichern …</translation>
    </message>
    <message>
        <source>Run again in the terminal</source>
        <translation>Im Terminal erneut ausführen</translation>
    </message>
    <message>
        <source>Command details</source>
        <translation>Befehlsdetails</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Verzeichnis:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>By:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Gestartet:</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Beendet:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard</source>
        <translation>Den Befehl in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Save output</source>
        <translation>Ausgabe speichern</translation>
    </message>
    <message>
        <source>Save the retained output to a file</source>
        <translation>Die aufbewahrte Ausgabe in eine Datei speichern</translation>
    </message>
    <message>
        <source>Run the command again, in its directory, in a terminal tab</source>
        <translation>Den Befehl in seinem Verzeichnis in einem Terminal-Reiter erneut ausführen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ExecOutputView</name>
    <message>
        <source>Command output</source>
        <translation>Befehlsausgabe</translation>
    </message>
    <message>
        <source>Standard error is tinted and marked in the left margin</source>
        <translation>Die Standardfehlerausgabe ist eingefärbt und am linken Rand markiert</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::FileBrowser</name>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Vorwärts</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>Hochladen …</translation>
    </message>
    <message>
        <source>Upload Folder…</source>
        <translation>Ordner hochladen …</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen …</translation>
    </message>
    <message>
        <source>New File…</source>
        <translation>Neue Datei …</translation>
    </message>
    <message>
        <source>New Folder…</source>
        <translation>Neuer Ordner …</translation>
    </message>
    <message>
        <source>Rename/Move…</source>
        <translation>Umbenennen/Verschieben …</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Go to path, e.g. /etc</source>
        <translation>Gehe zu Pfad, z. B. /etc</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Nach Namen filtern</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>%1 kann nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <source>Transfer of %1 failed: %2</source>
        <translation>Übertragung von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation>Ordner hochladen</translation>
    </message>
    <message>
        <source>Upload Files</source>
        <translation>Dateien hochladen</translation>
    </message>
    <message>
        <source>Select one or more files or folders to download.</source>
        <translation>Wählen Sie eine oder mehrere Dateien oder Ordner zum Herunterladen.</translation>
    </message>
    <message>
        <source>Download To</source>
        <translation>Herunterladen nach</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>New File</source>
        <translation>Neue Datei</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Select one file or folder to rename.</source>
        <translation>Wählen Sie eine Datei oder einen Ordner zum Umbenennen.</translation>
    </message>
    <message>
        <source>Rename or Move</source>
        <translation>Umbenennen oder verschieben</translation>
    </message>
    <message>
        <source>New name, or an absolute path to move to:</source>
        <translation>Neuer Name oder absoluter Zielpfad:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Filter names</source>
        <translation>Namen filtern</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Files and folders</source>
        <translation>Dateien und Ordner</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::FilesPanel</name>
    <message>
        <source>Select a sandbox to browse its files.</source>
        <translation>Wählen Sie eine Sandbox, um ihre Dateien zu durchsuchen.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Takes effect when Orkestr Desk is started again.</source>
        <translation>Wirkt beim nächsten Start von Orkestr Desk.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes when Orkestr Desk is started again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Orkestr Desk.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MainWindow</name>
    <message>
        <source>Orkestr Desk</source>
        <translation>Orkestr Desk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxes</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Request inspector</source>
        <translation>&amp;Anfrageinspektor</translation>
    </message>
    <message>
        <source>Rate limited until %1</source>
        <translation>Anfragelimit erreicht bis %1</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Offline: %1</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Anfragelimit erreicht</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Connection: </source>
        <translation>Verbindung: </translation>
    </message>
    <message>
        <source>Manage connections…</source>
        <translation>Verbindungen verwalten …</translation>
    </message>
    <message>
        <source>%1 (inspect only)</source>
        <translation>%1 (nur ansehen)</translation>
    </message>
    <message>
        <source>%1 (command line)</source>
        <translation>%1 (Befehlszeile)</translation>
    </message>
    <message>
        <source>Inspect only: this connection is set to inspect sandboxes without changing them; every write action is disabled.</source>
        <translation>Nur ansehen: Diese Verbindung ist so eingestellt, dass Sandboxes nur angesehen und nicht verändert werden; alle schreibenden Aktionen sind deaktiviert.</translation>
    </message>
    <message>
        <source>Read-only token: it lacks the sandboxes:write scope, so every write action is disabled.</source>
        <translation>Nur-Lese-Token: Ihm fehlt der Bereich sandboxes:write, daher sind alle schreibenden Aktionen deaktiviert.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde …</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Verbunden mit %1 als %2</translation>
    </message>
    <message>
        <source>Connection lost, retrying: %1</source>
        <translation>Verbindung verloren, neuer Versuch: %1</translation>
    </message>
    <message>
        <source>The server refused the API token</source>
        <translation>Der Server hat das API-Token abgelehnt</translation>
    </message>
    <message>
        <source>Check the token of this connection profile.</source>
        <translation>Prüfen Sie das Token dieses Verbindungsprofils.</translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation>Der Server ist nicht erreichbar</translation>
    </message>
    <message>
        <source>Check the address and that the server is running.</source>
        <translation>Prüfen Sie die Adresse und ob der Server läuft.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>The server asks to wait before trying again.</source>
        <translation>Der Server bittet, vor einem neuen Versuch zu warten.</translation>
    </message>
    <message>
        <source>The server answered with an error</source>
        <translation>Der Server hat mit einem Fehler geantwortet</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Sandbox</translation>
    </message>
    <message>
        <source>&amp;Open in a tab</source>
        <translation>In einem Tab ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open &amp;terminal</source>
        <translation>&amp;Terminal öffnen</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
        <source>&amp;Next tab</source>
        <translation>&amp;Nächster Tab</translation>
    </message>
    <message>
        <source>&amp;Previous tab</source>
        <translation>&amp;Vorheriger Tab</translation>
    </message>
    <message>
        <source>Go to the sandbox &amp;list</source>
        <translation>Zur Sandbox-&amp;Liste</translation>
    </message>
    <message>
        <source>Show only what needs &amp;attention</source>
        <translation>Nur zeigen, was &amp;Aufmerksamkeit braucht</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>&amp;Befehlspalette …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 zeigen</translation>
    </message>
    <message>
        <source>Connect an &amp;agent…</source>
        <translation>A&amp;genten verbinden …</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MetricChart</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MetricsSeries</name>
    <message>
        <source>memory limit: %1</source>
        <translation>Speichergrenze: %1</translation>
    </message>
    <message>
        <source>GiB/s</source>
        <translation>GiB/s</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>MiB/s</source>
        <translation>MiB/s</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>B/s</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MetricsTab</name>
    <message>
        <source>Load the metrics again</source>
        <translation>Messwerte erneut laden</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Festplatte</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Loading the metrics…</source>
        <translation>Messwerte werden geladen …</translation>
    </message>
    <message>
        <source>Select a sandbox to see its metrics.</source>
        <translation>Wählen Sie eine Sandbox, um ihre Messwerte zu sehen.</translation>
    </message>
    <message>
        <source>The metrics could not be loaded, trying again: %1</source>
        <translation>Die Messwerte konnten nicht geladen werden, neuer Versuch folgt: %1</translation>
    </message>
    <message>
        <source>This server does not measure its sandboxes: it has no metrics.</source>
        <translation>Dieser Server misst seine Sandboxes nicht: Er hat keine Messwerte.</translation>
    </message>
    <message>
        <source>The metrics could not be loaded: %1</source>
        <translation>Die Messwerte konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Grenze</translation>
    </message>
    <message>
        <source>Workspace and /tmp</source>
        <translation>Workspace und /tmp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::NewEventsMarker</name>
    <message>
        <source>Jump to the newest events</source>
        <translation>Zu den neuesten Ereignissen springen</translation>
    </message>
    <message>
        <source>New events arrived while you were reading; click to jump to the newest</source>
        <translation>Neue Ereignisse sind eingetroffen, während Sie gelesen haben; klicken Sie, um zu den neuesten zu springen</translation>
    </message>
    <message numerus="yes">
        <source>↓ %n new event(s)</source>
        <translation>
            <numerusform>↓ %n neues Ereignis</numerusform>
            <numerusform>↓ %n neue Ereignisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::NotificationsMenu</name>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <source>When a sandbox fails</source>
        <translation>Wenn eine Sandbox fehlschlägt</translation>
    </message>
    <message>
        <source>When a sandbox reaches its timeout</source>
        <translation>Wenn eine Sandbox ihr Zeitlimit erreicht</translation>
    </message>
    <message>
        <source>When a long command ends in a terminal out of view</source>
        <translation>Wenn ein langer Befehl in einem verdeckten Terminal endet</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::OpenEditors</name>
    <message>
        <source>Open a large file?</source>
        <translation>Große Datei öffnen?</translation>
    </message>
    <message>
        <source>%1 is %2. Open it anyway?</source>
        <translation>%1 ist %2 groß. Trotzdem öffnen?</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Close it and lose them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Schließen und Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::PaletteModel</name>
    <message>
        <source>Action: %1</source>
        <translation>Aktion: %1</translation>
    </message>
    <message>
        <source>Sandbox %1</source>
        <translation>Sandbox %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ProcessesTab</name>
    <message>
        <source>Show %1 in the Activity tab</source>
        <translation>%1 im Tab Aktivität zeigen</translation>
    </message>
    <message>
        <source>Signal…</source>
        <translation>Signal …</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Beenden erzwingen</translation>
    </message>
    <message>
        <source>Show command</source>
        <translation>Befehl zeigen</translation>
    </message>
    <message>
        <source>Load the processes again</source>
        <translation>Prozesse erneut laden</translation>
    </message>
    <message>
        <source>Send a signal</source>
        <translation>Ein Signal senden</translation>
    </message>
    <message>
        <source>Kill the process</source>
        <translation>Den Prozess beenden</translation>
    </message>
    <message>
        <source>Show the command in the Activity tab</source>
        <translation>Den Befehl im Tab Aktivität zeigen</translation>
    </message>
    <message>
        <source>Show the command that started the process in the Activity tab</source>
        <translation>Den Befehl, der den Prozess gestartet hat, im Tab Aktivität zeigen</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Read-only: signals cannot be sent</source>
        <translation>Nur Lesen: Signale können nicht gesendet werden</translation>
    </message>
    <message>
        <source>Send a signal to the selected process</source>
        <translation>Dem ausgewählten Prozess ein Signal senden</translation>
    </message>
    <message>
        <source>Kill the selected process (SIGKILL)</source>
        <translation>Den ausgewählten Prozess beenden (SIGKILL)</translation>
    </message>
    <message>
        <source>The signal cannot be sent from this session.</source>
        <translation>Aus dieser Sitzung kann das Signal nicht gesendet werden.</translation>
    </message>
    <message>
        <source>Loading the processes…</source>
        <translation>Prozesse werden geladen …</translation>
    </message>
    <message>
        <source>Select a sandbox to see its processes.</source>
        <translation>Wählen Sie eine Sandbox, um ihre Prozesse zu sehen.</translation>
    </message>
    <message>
        <source>The processes could not be refreshed: %1</source>
        <translation>Die Prozesse konnten nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>The processes could not be loaded: %1</source>
        <translation>Die Prozesse konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The sandbox is not running: it has no processes.</source>
        <translation>Die Sandbox läuft nicht: Sie hat keine Prozesse.</translation>
    </message>
    <message>
        <source>This server does not list the processes of its sandboxes.</source>
        <translation>Dieser Server listet die Prozesse seiner Sandboxes nicht auf.</translation>
    </message>
    <message>
        <source>The processes could not be loaded, trying again: %1</source>
        <translation>Die Prozesse konnten nicht geladen werden, neuer Versuch folgt: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ProfileDialog</name>
    <message>
        <source>Inspect only: disable every action that changes a sandbox</source>
        <translation>Nur ansehen: alle Aktionen deaktivieren, die eine Sandbox verändern</translation>
    </message>
    <message>
        <source>Allow plain http to a host other than this machine (sends the token unencrypted)</source>
        <translation>Unverschlüsseltes http zu einem anderen Rechner als diesem erlauben (sendet das Token unverschlüsselt)</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Server-URL:</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API-Token:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>(started by Orkestr Desk)</source>
        <translation>(von Orkestr Desk gestartet)</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>Ein Profil braucht einen Namen.</translation>
    </message>
    <message>
        <source>The server URL must be an http or https address, e.g. https://api.orkestr.eu.</source>
        <translation>Die Server-URL muss eine http- oder https-Adresse sein, z. B. https://api.orkestr.eu.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>The local profile cannot be removed.</source>
        <translation>Das lokale Profil kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Connection profiles</source>
        <translation>Verbindungsprofile</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ProfileStore</name>
    <message>
        <source>Local (embedded orkestr-local)</source>
        <translation>Lokal (eingebettetes orkestr-local)</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::PromptEdit</name>
    <message>
        <source>(reverse-i-search)`%1&apos;: </source>
        <translation>(Rückwärtssuche)`%1&apos;: </translation>
    </message>
    <message>
        <source>(failed reverse-i-search)`%1&apos;: </source>
        <translation>(Rückwärtssuche erfolglos)`%1&apos;: </translation>
    </message>
    <message>
        <source>(reverse-i-search)`&apos;: </source>
        <translation>(Rückwärtssuche)`&apos;: </translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::RemoteFsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Rechte</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::RequestInspector</name>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Filter: path, status, request id…</source>
        <translation>Filter: Pfad, Status, Anfrage-ID …</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>The command reads the token from $ORKESTR_API_KEY; the token itself is never copied.</source>
        <translation>Der Befehl liest das Token aus $ORKESTR_API_KEY; das Token selbst wird nie kopiert.</translation>
    </message>
    <message>
        <source>Copy request id</source>
        <translation>Anfrage-ID kopieren</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::RequestLogModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxColumns</name>
    <message>
        <source>Right-click to choose the columns</source>
        <translation>Rechtsklick, um die Spalten zu wählen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxDetails</name>
    <message>
        <source>Copy id</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <source>Select a sandbox to see its details.</source>
        <translation>Wählen Sie eine Sandbox, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Vorlage:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Netzwerk:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Erstellt:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Läuft ab:</translation>
    </message>
    <message>
        <source>Paused:</source>
        <translation>Pausiert:</translation>
    </message>
    <message>
        <source>Terminated:</source>
        <translation>Beendet:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Snapshot:</source>
        <translation>Snapshot:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 vCPU</source>
        <translation>%1 vCPU</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>not while paused</source>
        <translation>nicht, solange pausiert</translation>
    </message>
    <message>
        <source>%1, taken %2 ago</source>
        <translation>%1, erstellt vor %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Snapshot the sandbox and stop its compute meter</source>
        <translation>Einen Snapshot der Sandbox machen und ihre Rechenzeit anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Resume from the snapshot</source>
        <translation>Vom Snapshot fortsetzen</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>End the sandbox for good</source>
        <translation>Die Sandbox endgültig beenden</translation>
    </message>
    <message>
        <source>Open terminal</source>
        <translation>Terminal öffnen</translation>
    </message>
    <message>
        <source>Run commands in the sandbox</source>
        <translation>Befehle in der Sandbox ausführen</translation>
    </message>
    <message>
        <source>Copy the sandbox id to the clipboard</source>
        <translation>Die Sandbox-ID in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Verbleibend:</translation>
    </message>
    <message>
        <source>Metadata:</source>
        <translation>Metadaten:</translation>
    </message>
    <message>
        <source>paused (the countdown stops)</source>
        <translation>pausiert (der Countdown steht)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Ended by:</source>
        <translation>Beendet durch:</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxFacets</name>
    <message>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxTabs</name>
    <message>
        <source>Open sandboxes</source>
        <translation>Geöffnete Sandboxes</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>The sandbox selected in the list</source>
        <translation>Die in der Liste ausgewählte Sandbox</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Ausgewählt: %1</translation>
    </message>
    <message>
        <source>Sandbox %1 (Ctrl+W closes)</source>
        <translation>Sandbox %1 (Strg+W schließt)</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxTreeModel</name>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Pausing</source>
        <translation>Wird pausiert</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Resuming</source>
        <translation>Wird fortgesetzt</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>expiring</source>
        <translation>läuft ab</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>Terminated: %1</source>
        <translation>Beendet: %1</translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation>Läuft ab um %1</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU-Limit</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>Speicherlimit</translation>
    </message>
    <message>
        <source>CPU use of the last three minutes, in percent of one core</source>
        <translation>CPU-Nutzung der letzten drei Minuten, in Prozent eines Kerns</translation>
    </message>
    <message>
        <source>Resident memory of the last three minutes; full height is the memory limit</source>
        <translation>Belegter Arbeitsspeicher der letzten drei Minuten; die volle Höhe ist das Speicherlimit</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>percent</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Only running sandboxes are measured</source>
        <translation>Nur laufende Sandboxes werden gemessen</translation>
    </message>
    <message>
        <source>CPU now: %1 (100 % is one core; the limit is %2)</source>
        <translation>CPU jetzt: %1 (100 % ist ein Kern; das Limit ist %2)</translation>
    </message>
    <message>
        <source>Memory now: %1 of %2 (%3)</source>
        <translation>Speicher jetzt: %1 von %2 (%3)</translation>
    </message>
    <message>
        <source>Memory now: %1</source>
        <translation>Speicher jetzt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Highest in the last %n minute(s): %1</source>
        <translation>
            <numerusform>Höchstwert in der letzten %n Minute: %1</numerusform>
            <numerusform>Höchstwert in den letzten %n Minuten: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxView</name>
    <message>
        <source>Sandbox view</source>
        <translation>Sandbox-Ansicht</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Read-only: commands cannot be run</source>
        <translation>Nur-Lesen: Befehle können nicht ausgeführt werden</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxesPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>New sandbox…</source>
        <translation>Neue Sandbox …</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <source>Search id, template or metadata (agent_run=r_42)</source>
        <translation>ID, Vorlage oder Metadaten suchen (agent_run=r_42)</translation>
    </message>
    <message>
        <source>Group by region, then status</source>
        <translation>Nach Region, dann Status gruppieren</translation>
    </message>
    <message>
        <source>Group by region</source>
        <translation>Nach Region gruppieren</translation>
    </message>
    <message>
        <source>Group by status</source>
        <translation>Nach Status gruppieren</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <source>No sandbox matches the search and the selected facets.</source>
        <translation>Keine Sandbox passt zur Suche und zu den gewählten Filtern.</translation>
    </message>
    <message>
        <source>No sandboxes.</source>
        <translation>Keine Sandboxes.</translation>
    </message>
    <message>
        <source>No sandboxes yet. Create one with New sandbox… (%1).</source>
        <translation>Noch keine Sandboxes. Erstellen Sie eine mit „Neue Sandbox …“ (%1).</translation>
    </message>
    <message>
        <source>Pause: snapshot the sandbox and stop its compute meter</source>
        <translation>Pausieren: Snapshot der Sandbox erstellen und ihre Rechenzeitabrechnung anhalten</translation>
    </message>
    <message>
        <source>Read-only: this connection cannot change sandboxes</source>
        <translation>Nur-Lesen: Diese Verbindung kann keine Sandboxes ändern</translation>
    </message>
    <message>
        <source>Every snapshot slot of the %1 plan is in use (%2 of %3): resume or terminate a paused sandbox first</source>
        <translation>Alle Snapshot-Plätze des Tarifs %1 sind belegt (%2 von %3): Setzen Sie zuerst eine pausierte Sandbox fort oder beenden Sie sie</translation>
    </message>
    <message numerus="yes">
        <source>Working on %n sandboxes…</source>
        <translation>
            <numerusform>%n Sandbox wird bearbeitet …</numerusform>
            <numerusform>%n Sandboxes werden bearbeitet …</numerusform>
        </translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 erstellt.</translation>
    </message>
    <message>
        <source>Search sandboxes</source>
        <translation>Sandboxes durchsuchen</translation>
    </message>
    <message>
        <source>Search by id, template or metadata (/ in the list)</source>
        <translation>Nach ID, Vorlage oder Metadaten suchen (/ in der Liste)</translation>
    </message>
    <message>
        <source>Grouping</source>
        <translation>Gruppierung</translation>
    </message>
    <message>
        <source>How the list is grouped</source>
        <translation>Wie die Liste gruppiert ist</translation>
    </message>
    <message>
        <source>Facets</source>
        <translation>Facetten</translation>
    </message>
    <message>
        <source>Show only some regions, statuses or templates</source>
        <translation>Nur manche Regionen, Zustände oder Vorlagen zeigen</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Sandboxes</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ShellWidget</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Find in Scrollback</source>
        <translation>Im Verlauf suchen</translation>
    </message>
    <message>
        <source>Restart Shell</source>
        <translation>Shell neu starten</translation>
    </message>
    <message>
        <source>[shell ended: %1]</source>
        <translation>[Shell beendet: %1]</translation>
    </message>
    <message>
        <source>The shell ended (%1).</source>
        <translation>Die Shell ist beendet (%1).</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>[shell: %1]</source>
        <translation>[Shell: %1]</translation>
    </message>
    <message>
        <source>The shell is not connected: %1</source>
        <translation>Die Shell ist nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>This sandbox is paused: the shell is frozen until it resumes.</source>
        <translation>Diese Sandbox ist pausiert: Die Shell ist eingefroren, bis sie fortgesetzt wird.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>This sandbox is %1; its shell has ended.</source>
        <translation>Diese Sandbox ist %1; ihre Shell ist beendet.</translation>
    </message>
    <message>
        <source>The sandbox is %1…</source>
        <translation>Die Sandbox ist %1 …</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Move in the sandbox list</source>
        <translation>In der Sandbox-Liste bewegen</translation>
    </message>
    <message>
        <source>Up, Down, or J, K</source>
        <translation>Auf, Ab, oder J, K</translation>
    </message>
    <message>
        <source>Open the selected sandbox</source>
        <translation>Die ausgewählte Sandbox öffnen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Search the sandbox list</source>
        <translation>Die Sandbox-Liste durchsuchen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Delete to the end of the line in the terminal</source>
        <translation>Im Terminal bis zum Zeilenende löschen</translation>
    </message>
    <message>
        <source>%1 opens the command palette from anywhere in the window, text fields included. In the terminal it deletes to the end of the line, as in a shell; %2 opens the palette there.</source>
        <translation>%1 öffnet die Befehlspalette überall im Fenster, auch in Textfeldern. Im Terminal löscht es bis zum Zeilenende, wie in einer Shell; dort öffnet %2 die Palette.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SnapshotCapDialog</name>
    <message>
        <source>Snapshot quota full</source>
        <translation>Snapshot-Kontingent ausgeschöpft</translation>
    </message>
    <message numerus="yes">
        <source>All %n snapshot slot(s) of the %1 plan are in use (%2). Resume or terminate a paused sandbox to free one, then pause again.</source>
        <translation>
            <numerusform>Der einzige Snapshot-Platz (%n von %n) des Tarifs %1 ist belegt (%2). Setzen Sie die pausierte Sandbox fort oder beenden Sie sie, um ihn freizugeben, und pausieren Sie dann erneut.</numerusform>
            <numerusform>Alle %n Snapshot-Plätze des Tarifs %1 sind belegt (%2). Setzen Sie eine pausierte Sandbox fort oder beenden Sie sie, um einen freizugeben, und pausieren Sie dann erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>Paused since</source>
        <translation>Pausiert seit</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Paused sandboxes</source>
        <translation>Pausierte Sandboxes</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SnapshotQuotaWidget</name>
    <message>
        <source>Snapshots %1 of %2 (%3)</source>
        <translation>Snapshots %1 von %2 (%3)</translation>
    </message>
    <message>
        <source>Every snapshot slot is in use: resume or terminate a paused sandbox before pausing another.</source>
        <translation>Alle Snapshot-Plätze sind belegt: Setzen Sie eine pausierte Sandbox fort oder beenden Sie sie, bevor Sie eine weitere pausieren.</translation>
    </message>
    <message>
        <source>Each paused sandbox keeps one snapshot; the %1 plan allows %2.</source>
        <translation>Jede pausierte Sandbox belegt einen Snapshot; der Tarif %1 erlaubt %2.</translation>
    </message>
    <message>
        <source>Snapshots: unknown</source>
        <translation>Snapshots: unbekannt</translation>
    </message>
    <message>
        <source>Snapshot quota</source>
        <translation>Snapshot-Kontingent</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::StatePage</name>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TerminalTabs</name>
    <message>
        <source>Select a sandbox to open a terminal in it.</source>
        <translation>Wählen Sie eine Sandbox, um darin ein Terminal zu öffnen.</translation>
    </message>
    <message>
        <source>New terminal tab</source>
        <translation>Neuer Terminal-Tab</translation>
    </message>
    <message>
        <source>Close Terminal</source>
        <translation>Terminal schließen</translation>
    </message>
    <message>
        <source>“%1” is still running. Closing the tab stops showing its output; the command keeps running in the sandbox until its timeout. Close anyway?</source>
        <translation>„%1“ läuft noch. Beim Schließen des Tabs wird seine Ausgabe nicht mehr angezeigt; der Befehl läuft in der Sandbox bis zu seinem Zeitlimit weiter. Trotzdem schließen?</translation>
    </message>
    <message>
        <source>New Shell</source>
        <translation>Neue Shell</translation>
    </message>
    <message>
        <source>An interactive shell in the sandbox: vim, top, a REPL, Ctrl+C</source>
        <translation>Eine interaktive Shell in der Sandbox: vim, top, eine REPL, Strg+C</translation>
    </message>
    <message>
        <source>New Commands Terminal</source>
        <translation>Neues Befehlsterminal</translation>
    </message>
    <message>
        <source>Shell %1</source>
        <translation>Shell %1</translation>
    </message>
    <message>
        <source>Commands %1</source>
        <translation>Befehle %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TerminalWidget</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Timeout </source>
        <translation>Zeitlimit </translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Commands in this tab are stopped by the sandbox after this long</source>
        <translation>Befehle in diesem Tab werden von der Sandbox nach dieser Zeit gestoppt</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Find in Scrollback</source>
        <translation>Im Verlauf suchen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Save Transcript…</source>
        <translation>Mitschrift speichern …</translation>
    </message>
    <message>
        <source>Scrollback Limit…</source>
        <translation>Verlaufslänge …</translation>
    </message>
    <message>
        <source>Scrollback Limit</source>
        <translation>Verlaufslänge</translation>
    </message>
    <message>
        <source>Lines kept in the scrollback:</source>
        <translation>Im Verlauf behaltene Zeilen:</translation>
    </message>
    <message>
        <source>Font…</source>
        <translation>Schrift …</translation>
    </message>
    <message>
        <source>Colour Scheme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Standard Error Style</source>
        <translation>Darstellung der Standardfehlerausgabe</translation>
    </message>
    <message>
        <source>Dimmed Red</source>
        <translation>Gedämpftes Rot</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Rot</translation>
    </message>
    <message>
        <source>Bold Red</source>
        <translation>Fettes Rot</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Kursiv</translation>
    </message>
    <message>
        <source>Like Standard Output</source>
        <translation>Wie Standardausgabe</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Terminal actions</source>
        <translation>Terminal-Aktionen</translation>
    </message>
    <message>
        <source>✓ exit 0 · %1</source>
        <translation>✓ Exit 0 · %1</translation>
    </message>
    <message>
        <source>✗ exit %1 · %2</source>
        <translation>✗ Exit %1 · %2</translation>
    </message>
    <message>
        <source>✗ timed out after %1: the sandbox stopped the command (this tab&apos;s timeout is %2 s)</source>
        <translation>✗ Zeitlimit nach %1 erreicht: Die Sandbox hat den Befehl gestoppt (das Zeitlimit dieses Tabs ist %2 s)</translation>
    </message>
    <message>
        <source>✗ killed by signal %1 · %2</source>
        <translation>✗ durch Signal %1 beendet · %2</translation>
    </message>
    <message>
        <source>✗ killed by signal %1 (%2) · %3</source>
        <translation>✗ durch Signal %1 (%2) beendet · %3</translation>
    </message>
    <message>
        <source>✗ the sandbox is %1, so the command did not run</source>
        <translation>✗ Status der Sandbox ist %1, daher wurde der Befehl nicht ausgeführt</translation>
    </message>
    <message>
        <source>✗ connection lost (%1); the command may still be running in the sandbox</source>
        <translation>✗ Verbindung verloren (%1); der Befehl läuft möglicherweise noch in der Sandbox</translation>
    </message>
    <message>
        <source>^C stopped reading after %1. The command keeps running in the sandbox until its timeout (%2 s): the API cannot stop it.</source>
        <translation>^C hat das Lesen nach %1 beendet. Der Befehl läuft in der Sandbox bis zu seinem Zeitlimit (%2 s) weiter: Die API kann ihn nicht stoppen.</translation>
    </message>
    <message>
        <source>✗ error: %1</source>
        <translation>✗ Fehler: %1</translation>
    </message>
    <message>
        <source>Save Transcript</source>
        <translation>Mitschrift speichern</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>terminal-%1.txt</source>
        <translation>terminal-%1.txt</translation>
    </message>
    <message>
        <source>✗ could not save the transcript to %1</source>
        <translation>✗ Die Mitschrift konnte nicht in %1 gespeichert werden</translation>
    </message>
    <message>
        <source>This sandbox is paused. Resume it to run commands.</source>
        <translation>Diese Sandbox ist pausiert. Setzen Sie sie fort, um Befehle auszuführen.</translation>
    </message>
    <message>
        <source>This sandbox is %1; commands can no longer run in it.</source>
        <translation>Status der Sandbox: %1; darin können keine Befehle mehr ausgeführt werden.</translation>
    </message>
    <message>
        <source>The sandbox is %1…</source>
        <translation>Status der Sandbox: %1 …</translation>
    </message>
    <message>
        <source>Command timeout</source>
        <translation>Zeitlimit für Befehle</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TokenVault</name>
    <message>
        <source>No keychain is available: the token is kept in memory for this session only.</source>
        <translation>Kein Schlüsselbund verfügbar: Das Token wird nur für diese Sitzung im Speicher gehalten.</translation>
    </message>
    <message>
        <source>The token could not be stored in the keychain (%1); it is kept in memory for this session only.</source>
        <translation>Das Token konnte nicht im Schlüsselbund gespeichert werden (%1); es wird nur für diese Sitzung im Speicher gehalten.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Tokens are kept in memory for this session only, or taken from ORKESTR_API_KEY.</source>
        <translation>Kein System-Schlüsselbund verfügbar (%1). Tokens werden nur für diese Sitzung im Speicher gehalten oder aus ORKESTR_API_KEY genommen.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TransfersPanel</name>
    <message>
        <source>&lt;b&gt;Transfers&lt;/b&gt;</source>
        <translation>&lt;b&gt;Übertragungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Abgeschlossene entfernen</translation>
    </message>
    <message>
        <source>↑ %1</source>
        <translation>↑ %1</translation>
    </message>
    <message>
        <source>↓ %1 → %2</source>
        <translation>↓ %1 → %2</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop dashboard for orkestr sandboxes.</source>
        <translation>Desktop-Dashboard für orkestr-Sandboxes.</translation>
    </message>
    <message>
        <source>Connect to this server instead of the embedded local one; the token comes from ORKESTR_API_KEY.</source>
        <translation>Mit diesem Server statt dem eingebetteten lokalen verbinden; das Token kommt aus ORKESTR_API_KEY.</translation>
    </message>
    <message>
        <source>Allow sending the token over plain http to a host other than this machine.</source>
        <translation>Erlauben, das Token über unverschlüsseltes http an einen anderen Rechner als diesen zu senden.</translation>
    </message>
    <message>
        <source>Plan of the embedded server: free, pro or team.</source>
        <translation>Tarif des eingebetteten Servers: free, pro oder team.</translation>
    </message>
    <message>
        <source>Save a picture of the window once connected (or failed), then quit.</source>
        <translation>Nach dem Verbinden (oder Scheitern) ein Bild des Fensters speichern und beenden.</translation>
    </message>
    <message>
        <source>light or dark; by default the desktop&apos;s.</source>
        <translation>light oder dark; standardmäßig wie der Desktop.</translation>
    </message>
    <message>
        <source>Address of the orkestr-local user service, which the Local profile prefers to the embedded server; off: always the embedded server.</source>
        <translation>Adresse des orkestr-local-Benutzerdienstes, den das lokale Profil dem eingebetteten Server vorzieht; off: immer der eingebettete Server.</translation>
    </message>
</context>
</TS>
