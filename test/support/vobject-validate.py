"""Parse an iCalendar stream from stdin with python vobject (as Radicale and khal do), in validating mode.

Prints JSON: a list of the VEVENTs with uid, summary, sequence, status and dtstart (isoformat with its UTC offset).
Exits non-zero with the parser's message on stderr when vobject rejects the stream.
Run it with Debian's interpreter (/usr/bin/python3), which has python3-vobject.
"""
import json
import sys

import vobject


def value(component, name):
    prop = getattr(component, name.replace("-", "_"), None)
    return None if prop is None else prop.value


def main():
    text = sys.stdin.buffer.read().decode("utf-8", errors="strict")
    try:
        calendar = vobject.readOne(text, validate=True)
    except StopIteration:
        sys.exit("vobject found no component in the input")
    except Exception as error:  # vobject's ParseError, ValidateError, and errors of its date parsing
        sys.exit("vobject rejected the input: {0}: {1}".format(type(error).__name__, error))
    events = []
    for event in getattr(calendar, "vevent_list", []):
        sequence = value(event, "sequence")
        dtstart = value(event, "dtstart")
        events.append({
            "uid": value(event, "uid"),
            "summary": value(event, "summary"),
            "sequence": None if sequence is None else int(sequence),
            "status": value(event, "status"),
            "dtstart": None if dtstart is None else dtstart.isoformat(),
        })
    json.dump(events, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
