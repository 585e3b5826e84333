import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { problemOf, startTestService, type TestService } from '../support/service.ts';

const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
const HA = 'nguyen-manh-ha';
const LUYEN = 'nguyen-van-luyen';
const HANH = 'nguyen-van-hanh';
const LETTER = 'from=2024-04-15&to=2024-06-30';
const MAY = 'from=2024-05-01&to=2024-05-31';
const LEAVE = { memberId: HA, from: '2024-05-06', to: '2024-05-10', reason: 'leave' };

interface MemberBody {
  memberId: string;
  memberName: string;
  scheduled: number;
  served: number;
  coversGiven: number;
  coversReceived: number;
  uncovered: number;
  coversGivenDetail: { date: string; forMemberId: string; forMemberName: string; reason: string }[];
}
interface CorrectionBody {
  slotKey: string;
  date: string;
  before: { memberId: string | null; kind: string; text: string } | null;
  after: { memberId: string | null; kind: string; text: string } | null;
  by: string;
  at: string;
  reason: string;
}
interface ReportBody {
  rosterId: string;
  from: string;
  to: string;
  lockedMonths: string[];
  members: MemberBody[];
  roster: {
    slots: number;
    served: number;
    covers: number;
    uncovered: number;
    coverageRate: number;
    coverSpread: number;
    coverSpreadAmong: string[];
  };
  corrections: CorrectionBody[];
}

let service: TestService;

beforeEach(async () => {
  // 1 July 2024, 09:00 in Hà Nội: April, May and June are over and can be closed.
  service = await startTestService('2024-07-01T02:00:00Z');
});

const report = async (query: string) =>
  (await service.json<ReportBody>('GET', `${ROSTER}/report?${query}`, 200)).body;
/** [scheduled, served, covers given, covers received] by member id. */
const numbers = (body: ReportBody) =>
  Object.fromEntries(
    body.members.map((m) => [m.memberId, [m.scheduled, m.served, m.coversGiven, m.coversReceived]]),
  );

/** RFC 4180 CSV as rows of cells (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== ',' && char !== '\r')) {
      cell += char;
    } else {
      row.push(cell);
      cell = '';
      if (char === '\r') {
        rows.push(row);
        row = [];
        i++; // the \n of CRLF
      }
    }
  }
  return rows;
}

describe('GET /api/rosters/{id}/report', () => {
  it("gives the founding letter's period, without absences, as the pattern says", async () => {
    const body = await report(LETTER);
    expect(body).toMatchObject({
      rosterId: 'so-vhttdl-bac-giang',
      from: '2024-04-15',
      to: '2024-06-30',
      lockedMonths: [],
      corrections: [],
    });
    expect(body.members.map((m) => m.memberName)).toEqual([
      'Bà Nguyễn Mạnh Hà',
      'Ông Nguyễn Văn Hanh',
      'Ông Nguyễn Văn Luyện',
    ]);
    expect(numbers(body)).toEqual({
      [HA]: [32, 32, 0, 0],
      [HANH]: [10, 10, 0, 0],
      [LUYEN]: [10, 10, 0, 0],
    });
    expect(body.roster).toMatchObject({
      slots: 52,
      served: 52,
      covers: 0,
      coverageRate: 1,
      coverSpread: 0,
    });
  });

  it('counts the covers of a week of leave, and they match the schedule day by day', async () => {
    await service.json('POST', `${ROSTER}/absences`, 201, LEAVE);
    const body = await report(LETTER);
    // Hà's days that week are 06, 08 and 10/05: Luyện, Hanh, Luyện cover them in rotation.
    expect(numbers(body)).toEqual({
      [HA]: [32, 29, 0, 3],
      [HANH]: [10, 11, 1, 0],
      [LUYEN]: [10, 12, 2, 0],
    });
    expect(
      body.members[2]!.coversGivenDetail.map((cover) => [
        cover.date,
        cover.forMemberName,
        cover.reason,
      ]),
    ).toEqual([
      ['2024-05-06', 'Bà Nguyễn Mạnh Hà', 'leave'],
      ['2024-05-10', 'Bà Nguyễn Mạnh Hà', 'leave'],
    ]);
    const schedule = await service.json<{ slots: { memberId: string; kind: string }[] }>(
      'GET',
      `${ROSTER}/schedule?${LETTER}`,
      200,
    );
    for (const member of body.members) {
      expect(schedule.body.slots.filter((slot) => slot.memberId === member.memberId)).toHaveLength(
        member.served,
      );
    }
    expect(schedule.body.slots.filter((slot) => slot.kind === 'cover')).toHaveLength(
      body.roster.covers,
    );
    // Bà Hà, on leave, could take none of the covers: the spread compares Ông Luyện (2) and Ông Hanh (1).
    expect(body.roster).toMatchObject({ coverSpread: 1, coverSpreadAmong: [LUYEN, HANH] });
  });

  it('writes CSV with Vietnamese headers that reads back to the same numbers', async () => {
    await service.json('POST', `${ROSTER}/absences`, 201, LEAVE);
    const response = await service.request('GET', `${ROSTER}/report?${LETTER}`, {
      headers: { accept: 'text/csv' },
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-truc-so-vhttdl-bac-giang-2024-04-15-2024-06-30.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark Excel needs to read UTF-8
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
    expect(header).toEqual([
      'STT',
      'Mã cán bộ',
      'Họ và tên',
      'Chức vụ, đơn vị',
      'Số ngày trực theo lịch',
      'Số ngày đã trực',
      'Số lần trực thay',
      'Số lần được trực thay',
      'Số ngày trực theo phân công, đổi ca',
      'Số ngày không có người trực',
      'Ghi chú',
    ]);
    expect(rows.map((row) => row.slice(0, 10))).toEqual([
      ['1', HA, 'Bà Nguyễn Mạnh Hà', 'Chuyên viên Văn phòng Sở', '32', '29', '0', '3', '0', '0'],
      [
        '2',
        HANH,
        'Ông Nguyễn Văn Hanh',
        'Chuyên viên Phòng Quản lý TDTT',
        '10',
        '11',
        '1',
        '0',
        '0',
        '0',
      ],
      [
        '3',
        LUYEN,
        'Ông Nguyễn Văn Luyện',
        'Chuyên viên Phòng Quản lý Văn hóa',
        '10',
        '12',
        '2',
        '0',
        '0',
        '0',
      ],
      ['', '', 'Cộng', '', '52', '52', '3', '3', '0', '0'],
    ]);
    expect(rows[2]![10]).toBe(
      'Trực thay: 06/05/2024 (Bà Nguyễn Mạnh Hà nghỉ phép), 10/05/2024 (Bà Nguyễn Mạnh Hà nghỉ phép)',
    );

    const english = await service.request('GET', `${ROSTER}/report?${LETTER}&format=csv&lang=en`);
    const [englishHeader, firstRow] = parseCsv(await english.text());
    expect(englishHeader!.slice(0, 6)).toEqual([
      'No.',
      'Member id',
      'Name',
      'Title, unit',
      'Scheduled',
      'Served',
    ]);
    expect(firstRow![2]).toBe('Nguyễn Mạnh Hà');
  });

  it('writes an XLSX workbook that exceljs reads back cell by cell', async () => {
    await service.json('POST', `${ROSTER}/absences`, 201, LEAVE);
    const response = await service.request('GET', `${ROSTER}/report?${LETTER}&format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as Node's Buffer; the bytes are what a browser would save to disk.
    await workbook.xlsx.load(
      Buffer.from(await response.arrayBuffer()) as unknown as Parameters<
        typeof workbook.xlsx.load
      >[0],
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Tổng hợp',
      'Chi tiết',
      'Điều chỉnh',
    ]);

    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect(summary.getCell('A1').value).toBe('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH BẮC GIANG');
    expect(summary.getCell('A2').value).toBe('BÁO CÁO KẾT QUẢ TRỰC BỘ PHẬN MỘT CỬA');
    expect(summary.getCell('A3').value).toBe('Từ ngày 15/04/2024 đến ngày 30/06/2024');
    expect(
      ['A5', 'C5', 'E5', 'F5', 'G5', 'H5'].map((address) => summary.getCell(address).value),
    ).toEqual([
      'STT',
      'Họ và tên',
      'Số ngày trực theo lịch',
      'Số ngày đã trực',
      'Số lần trực thay',
      'Số lần được trực thay',
    ]);
    const rowValues = (row: number) =>
      ['A', 'C', 'E', 'F', 'G', 'H', 'J'].map((column) => summary.getCell(`${column}${row}`).value);
    expect([6, 7, 8, 9].map(rowValues)).toEqual([
      [1, 'Bà Nguyễn Mạnh Hà', 32, 29, 0, 3, 0],
      [2, 'Ông Nguyễn Văn Hanh', 10, 11, 1, 0, 0],
      [3, 'Ông Nguyễn Văn Luyện', 10, 12, 2, 0, 0],
      [null, 'Cộng', 52, 52, 3, 3, 0],
    ]);
    expect(summary.getCell('E6').type).toBe(ExcelJS.ValueType.Number);
    expect(summary.getCell('A11').value).toBe(
      'Tỷ lệ ngày trực có người trực: 100,0 % (52/52); số ngày không có người trực: 0.',
    );

    const details = workbook.getWorksheet('Chi tiết')!;
    expect(details.getRow(1).values).toEqual([
      undefined,
      'Ngày',
      'Thứ',
      'Nội dung',
      'Người trực',
      'Thay cho',
      'Lý do',
      'Ghi chú',
    ]);
    expect(details.getCell('A2').value).toEqual(new Date('2024-05-06T00:00:00Z'));
    expect(['B2', 'C2', 'D2', 'E2', 'F2'].map((address) => details.getCell(address).value)).toEqual(
      ['Thứ Hai', 'Trực thay', 'Ông Nguyễn Văn Luyện', 'Bà Nguyễn Mạnh Hà', 'nghỉ phép'],
    );
    expect(details.rowCount).toBe(4);
  });

  it('counts a day nobody could cover in its own column, not as a cover received, in JSON, CSV, XLSX and print', async () => {
    for (const memberId of [HA, LUYEN, HANH])
      await service.json('POST', `${ROSTER}/absences`, 201, {
        ...LEAVE,
        memberId,
        to: '2024-05-06',
      });
    const { body } = await service.json<ReportBody>('GET', `${ROSTER}/report?${LETTER}`, 200);
    const ha = body.members.find((member) => member.memberId === HA)!;
    expect(ha).toMatchObject({ scheduled: 32, served: 31, coversReceived: 0, uncovered: 1 });
    expect(body.roster).toMatchObject({ covers: 0, uncovered: 1 });

    const csv = parseCsv(
      await (await service.request('GET', `${ROSTER}/report?${LETTER}&format=csv`)).text(),
    );
    expect(csv[1]!.slice(6, 11)).toEqual([
      '0',
      '0',
      '0',
      '1',
      'Không có người trực thay: 06/05/2024 (nghỉ phép)',
    ]);
    expect(csv.at(-1)!.slice(6, 10)).toEqual(['0', '0', '0', '1']);

    const workbook = new ExcelJS.Workbook();
    const xlsx = await service.request('GET', `${ROSTER}/report?${LETTER}&format=xlsx`);
    await workbook.xlsx.load(
      Buffer.from(await xlsx.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    const summary = workbook.getWorksheet('Tổng hợp')!;
    expect(['G6', 'H6', 'J6'].map((address) => summary.getCell(address).value)).toEqual([0, 0, 1]);

    const page = await (
      await service.request('GET', `${ROSTER}/report?${LETTER}&format=html`)
    ).text();
    const haRow = /<tr><td class="number">1<\/td>(.*?)<\/tr>/s.exec(page)![1]!;
    const numbers = [...haRow.matchAll(/<td class="number">(\d+)<\/td>/g)].map((match) => match[1]);
    // Scheduled, served, covers given, covers received, overrides, uncovered.
    expect(numbers).toEqual(['32', '31', '0', '0', '0', '1']);
    expect(page).toContain('số ngày không có người trực: 1.');
  });

  it('names the issuer and the place as on the day of printing: Bắc Ninh after 01/07/2025, the desk as it was', async () => {
    service.setNow('2026-03-02T02:00:00Z');
    const old = await (
      await service.request('GET', `${ROSTER}/report?${LETTER}&format=html`)
    ).text();
    expect(old).toContain('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH BẮC NINH');
    expect(old).toContain('Bắc Ninh, ngày 02 tháng 3 năm 2026');
    expect(old).not.toContain('BẮC GIANG');
    expect(old).toContain('tại Trung tâm Phục vụ hành chính công tỉnh Bắc Giang</p>');

    const across = await (
      await service.request('GET', `${ROSTER}/report?from=2025-06-01&to=2025-07-31&format=html`)
    ).text();
    expect(across).toContain(
      'tại Trung tâm Phục vụ hành chính công tỉnh Bắc Giang (đến 30/06/2025), Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh (từ 01/07/2025)</p>',
    );

    const workbook = new ExcelJS.Workbook();
    const xlsx = await service.request('GET', `${ROSTER}/report?${LETTER}&format=xlsx`);
    await workbook.xlsx.load(
      Buffer.from(await xlsx.arrayBuffer()) as unknown as Parameters<typeof workbook.xlsx.load>[0],
    );
    expect(workbook.getWorksheet('Tổng hợp')!.getCell('A1').value).toBe(
      'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH BẮC NINH',
    );
  });

  it('answers 501 for XLSX where the deployment has no spreadsheet writer (the Worker)', async () => {
    service.appDeps.renderWorkbook = undefined;
    const response = await service.request('GET', `${ROSTER}/report?${LETTER}&format=xlsx`);
    expect(response.status).toBe(501);
    expect((await problemOf(response)).detail).toBe(
      'XLSX downloads are not available on this deployment; ask for format=csv, which Excel opens too',
    );
  });

  it('renders a printable A4 page in the Vietnamese administrative layout, with nothing fetched from elsewhere', async () => {
    await service.json('POST', `${ROSTER}/absences`, 201, LEAVE);
    const response = await service.request('GET', `${ROSTER}/report?${LETTER}&format=html`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const page = await response.text();
    for (const text of [
      '@page { size: A4;',
      'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH BẮC GIANG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO KẾT QUẢ TRỰC BỘ PHẬN MỘT CỬA',
      'Từ ngày 15/04/2024 đến ngày 30/06/2024',
      'Bắc Giang, ngày 01 tháng 7 năm 2024',
      'NGƯỜI LẬP BIỂU',
      'GIÁM ĐỐC',
      'Trương Quang Hải',
    ]) {
      expect(page).toContain(text);
    }
    const cells = (row: string) =>
      [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1]);
    const records = /<table class="records">.*?<tbody>(.*?)<\/tbody>/s.exec(page)![1]!;
    const rows = [...records.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((match) =>
      cells(match[1]!).slice(0, 9),
    );
    expect(rows).toEqual([
      ['1', 'Bà Nguyễn Mạnh Hà', 'Chuyên viên Văn phòng Sở', '32', '29', '0', '3', '0', '0'],
      [
        '2',
        'Ông Nguyễn Văn Hanh',
        'Chuyên viên Phòng Quản lý TDTT',
        '10',
        '11',
        '1',
        '0',
        '0',
        '0',
      ],
      [
        '3',
        'Ông Nguyễn Văn Luyện',
        'Chuyên viên Phòng Quản lý Văn hóa',
        '10',
        '12',
        '2',
        '0',
        '0',
        '0',
      ],
      ['', 'Cộng', '', '52', '52', '3', '3', '0', '0'],
    ]);
    expect(page).not.toMatch(/<link|<script|<img|src=|url\(|https?:\/\//);
  });

  it('refuses a bad range or format with a problem', async () => {
    const range = await service.request('GET', `${ROSTER}/report?from=2024-06-30&to=2024-04-15`);
    expect(range.status).toBe(422);
    expect((await problemOf(range)).errors?.map((error) => error.field)).toEqual(['to']);
    const format = await service.request('GET', `${ROSTER}/report?${LETTER}&format=pdf`);
    expect((await problemOf(format)).errors).toEqual([
      { field: 'format', message: 'expected one of json, csv, xlsx, html' },
    ]);
    expect((await service.request('GET', `/api/rosters/khong-co/report?${LETTER}`)).status).toBe(
      404,
    );
  });
});

describe('month close', () => {
  /** What an admin entered and what a closed month keeps, to show a refused change stored nothing. */
  async function storedState() {
    const [absences, audit, months, may] = await Promise.all([
      service.json('GET', `${ROSTER}/absences`, 200).then((r) => r.body),
      service.json('GET', '/api/audit', 200).then((r) => r.body),
      service.json('GET', `${ROSTER}/months`, 200).then((r) => r.body),
      report(MAY),
    ]);
    return { absences, audit, months, may };
  }

  it('locks May; a change to it without a reason is refused, with one it is recorded as a correction', async () => {
    // May 2024: Hà has 4 Mondays, 4 Wednesdays (01/05 is a holiday), 5 Fridays and the làm bù Saturday 04/05 = 14;
    // Luyện 4 Tuesdays, Hanh 5 Thursdays: 23 slots.
    const closed = await service.json('POST', `${ROSTER}/months/2024-05/close`, 201);
    expect(closed.body).toEqual({
      rosterId: 'so-vhttdl-bac-giang',
      month: '2024-05',
      closedAt: '2024-07-01T02:00:00.000Z',
      closedBy: 'admin',
      slots: 23,
      status: 'closed',
      alreadyClosed: false,
    });
    expect(numbers(await report(MAY))).toEqual({
      [HA]: [14, 14, 0, 0],
      [HANH]: [5, 5, 0, 0],
      [LUYEN]: [4, 4, 0, 0],
    });

    const before = await storedState();
    const refused = await service.request('POST', `${ROSTER}/absences`, { body: LEAVE });
    expect(refused.status).toBe(422);
    const problem = await problemOf(refused);
    expect(problem.detail).toBe(
      '05/2024 is closed: a change to a closed month is recorded as a correction and needs a reason (correctionReason)',
    );
    expect(problem.errors).toEqual([
      { field: 'correctionReason', message: 'required: why a closed month is changed' },
    ]);
    expect(await storedState()).toEqual(before);

    service.setNow('2024-07-02T03:30:00Z');
    await service.json('POST', `${ROSTER}/absences`, 201, {
      ...LEAVE,
      correctionReason: 'Đơn nghỉ phép nộp bổ sung',
    });
    const may = await report(MAY);
    expect(may.lockedMonths).toEqual(['2024-05']);
    expect(numbers(may)).toEqual({
      [HA]: [14, 11, 0, 3],
      [HANH]: [5, 6, 1, 0],
      [LUYEN]: [4, 6, 2, 0],
    });
    expect(
      may.corrections.map((c) => [
        c.date,
        c.before?.memberId,
        c.before?.kind,
        c.after?.memberId,
        c.after?.kind,
        c.by,
        c.at,
        c.reason,
      ]),
    ).toEqual([
      [
        '2024-05-06',
        HA,
        'regular',
        LUYEN,
        'cover',
        'admin',
        '2024-07-02T03:30:00.000Z',
        'Đơn nghỉ phép nộp bổ sung',
      ],
      [
        '2024-05-08',
        HA,
        'regular',
        HANH,
        'cover',
        'admin',
        '2024-07-02T03:30:00.000Z',
        'Đơn nghỉ phép nộp bổ sung',
      ],
      [
        '2024-05-10',
        HA,
        'regular',
        LUYEN,
        'cover',
        'admin',
        '2024-07-02T03:30:00.000Z',
        'Đơn nghỉ phép nộp bổ sung',
      ],
    ]);
    expect(may.corrections[0]!.after!.text).toBe(
      'Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)',
    );
    const audit = await service.json<{
      entries: { action: string; entityId: string; after: { reason: string } }[];
    }>('GET', '/api/audit?limit=2', 200);
    expect(audit.body.entries.map((entry) => [entry.action, entry.entityId])).toEqual([
      ['month.correct', '2024-05'],
      expect.arrayContaining(['absence.create']),
    ]);

    // The printable page and the spreadsheet show the correction as such.
    const page = await (await service.request('GET', `${ROSTER}/report?${MAY}&format=html`)).text();
    expect(page).toContain('Điều chỉnh sau khi chốt số liệu');
    expect(page).toContain(
      '<td>06/05/2024</td><td>Trực chính: Bà Nguyễn Mạnh Hà</td><td>Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)</td><td>admin</td><td>02/07/2024 10:30</td><td>Đơn nghỉ phép nộp bổ sung</td>',
    );
  });

  it('confirming again changes nothing and never counts twice', async () => {
    const first = await service.json('POST', `${ROSTER}/months/2024-05/close`, 201);
    await service.json('POST', `${ROSTER}/absences`, 201, {
      ...LEAVE,
      correctionReason: 'Đơn nghỉ phép nộp bổ sung',
    });
    const reportBefore = await report(LETTER);
    service.setNow('2024-07-03T01:00:00Z');
    const again = await service.json('POST', `${ROSTER}/months/2024-05/close`, 200);
    expect(again.body).toEqual({ ...first.body, alreadyClosed: true });
    expect(await report(LETTER)).toEqual(reportBefore);
    expect(numbers(reportBefore)[HA]).toEqual([32, 29, 0, 3]);
    const months = await service.json<{
      months: {
        month: string;
        status: string;
        slots?: number;
        corrections?: number;
        closable?: boolean;
      }[];
    }>('GET', `${ROSTER}/months`, 200);
    expect(months.body.months).toEqual([
      { month: '2024-04', status: 'open', closable: true },
      {
        month: '2024-05',
        status: 'closed',
        closedAt: '2024-07-01T02:00:00.000Z',
        closedBy: 'admin',
        slots: 23,
        corrections: 3,
      },
      { month: '2024-06', status: 'open', closable: true },
      { month: '2024-07', status: 'open', closable: false },
    ]);
  });

  it('needs no reason for a change that touches only open months', async () => {
    await service.json('POST', `${ROSTER}/months/2024-05/close`, 201);
    await service.json('POST', `${ROSTER}/absences`, 201, {
      memberId: LUYEN,
      from: '2024-06-04',
      to: '2024-06-04',
      reason: 'training',
    });
    const body = await report(LETTER);
    expect(body.corrections).toEqual([]);
    expect(numbers(body)[LUYEN]).toEqual([10, 9, 0, 1]);
  });

  it('removing a fact of a closed month needs ?reason= and restores the slots as new corrections', async () => {
    await service.json('POST', `${ROSTER}/months/2024-05/close`, 201);
    const created = await service.json<{ absence: { id: string } }>(
      'POST',
      `${ROSTER}/absences`,
      201,
      { ...LEAVE, correctionReason: 'Đơn nghỉ phép nộp bổ sung' },
    );
    const path = `${ROSTER}/absences/${created.body.absence.id}`;
    const refused = await service.request('DELETE', path);
    expect(refused.status).toBe(422);
    expect((await problemOf(refused)).errors?.[0]?.field).toBe('correctionReason');
    expect(
      (
        await service.request(
          'DELETE',
          `${path}?reason=${encodeURIComponent('Nhập nhầm, bà Hà vẫn đi làm')}`,
        )
      ).status,
    ).toBe(204);
    const may = await report(MAY);
    expect(numbers(may)[HA]).toEqual([14, 14, 0, 0]);
    expect(may.corrections.map((c) => [c.date, c.after?.memberId, c.reason]).slice(3)).toEqual([
      ['2024-05-06', HA, 'Nhập nhầm, bà Hà vẫn đi làm'],
      ['2024-05-08', HA, 'Nhập nhầm, bà Hà vẫn đi làm'],
      ['2024-05-10', HA, 'Nhập nhầm, bà Hà vẫn đi làm'],
    ]);
  });

  it('asks the same of overrides and swaps, and records each slot they change', async () => {
    await service.json('POST', `${ROSTER}/months/2024-05/close`, 201);
    const swap = { first: { date: '2024-05-28' }, second: { date: '2024-06-06' } };
    expect(
      (await problemOf(await service.request('POST', `${ROSTER}/swaps`, { body: swap })))
        .errors?.[0]?.field,
    ).toBe('correctionReason');
    await service.json('POST', `${ROSTER}/swaps`, 201, {
      ...swap,
      correctionReason: 'Đổi ca theo đề nghị của ông Luyện',
    });
    const override = { date: '2024-05-31', memberId: HANH };
    expect((await service.request('POST', `${ROSTER}/overrides`, { body: override })).status).toBe(
      422,
    );
    await service.json('POST', `${ROSTER}/overrides`, 201, {
      ...override,
      correctionReason: 'Bà Hà đi họp đột xuất',
    });
    // Only the May side of the swap (Luyện's Tuesday to Hanh) is a correction: 06/06 is in an open month.
    const may = await report(MAY);
    expect(
      may.corrections.map((c) => [c.date, c.before?.memberId, c.after?.memberId, c.after?.kind]),
    ).toEqual([
      ['2024-05-28', LUYEN, HANH, 'override'],
      ['2024-05-31', HA, HANH, 'override'],
    ]);
    expect(numbers(may)).toEqual({
      [HA]: [14, 13, 0, 0],
      [HANH]: [5, 7, 0, 0],
      [LUYEN]: [4, 3, 0, 0],
    });
  });

  it('treats a holiday edit of a closed month the same way', async () => {
    await service.json('POST', `${ROSTER}/months/2024-05/close`, 201);
    const entry = {
      date: '2024-05-02',
      kind: 'holiday',
      name: 'Nghỉ đột xuất',
      status: 'official',
      source: 'vpcp-2450-kgvx',
    };
    const before = await storedState();
    const refused = await service.request('PUT', '/api/holidays/days/2024-05-02', {
      body: { entry },
    });
    expect(refused.status).toBe(422);
    expect(await storedState()).toEqual(before);
    await service.json('PUT', '/api/holidays/days/2024-05-02', 200, {
      entry,
      correctionReason: 'Thông báo nghỉ của tỉnh đến muộn',
    });
    const may = await report(MAY);
    expect(may.corrections.map((c) => [c.date, c.before?.memberId, c.after, c.reason])).toEqual([
      ['2024-05-02', HANH, null, 'Thông báo nghỉ của tỉnh đến muộn'],
    ]);
    expect(numbers(may)[HANH]).toEqual([4, 4, 0, 0]);
  });

  it('refuses to close a month that is not over, or is not a month', async () => {
    const current = await service.request('POST', `${ROSTER}/months/2024-07/close`);
    expect(current.status).toBe(422);
    expect((await problemOf(current)).detail).toBe(
      '07/2024 is not over yet: it can be closed from 01/08/2024',
    );
    const bad = await service.request('POST', `${ROSTER}/months/2024-13/close`);
    expect((await problemOf(bad)).errors).toEqual([
      { field: 'month', message: 'expected a month written YYYY-MM' },
    ]);
    expect(
      (await service.request('POST', '/api/rosters/khong-co/months/2024-05/close')).status,
    ).toBe(404);
  });
});
