package org.recourse.intake;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.recourse.shared.IdNumber;

/**
 * Realistic but synthetic overdue-account files of any size, reproducible from a seed and with a known share of bad
 * rows, for demo data, tests and the intake benchmarks (PERFORMANCE.md P1–P3).
 */
public final class SampleAccounts {

    /** The template's columns in file order, by their English header names. */
    public static final List<String> COLUMNS = List.of(
            "account_ref", "product", "borrower_name", "id_number", "mobile", "other_phones", "address",
            "province", "city", "emergency_contact_name", "emergency_contact_relation", "emergency_contact_phone",
            "loan_amount", "term_months", "loan_date", "due_date", "principal_outstanding", "interest_outstanding",
            "fees_outstanding", "penalty_outstanding", "currency");

    /** A rejection that a generated row can carry: exactly one per bad row, the rest of the row being valid. */
    public enum BadRow {
        REQUIRED("required", "borrower_name"),
        TOO_LONG("too_long", "account_ref"),
        ID_FORMAT("id_number.format", "id_number"),
        ID_CHECKSUM("id_number.checksum", "id_number"),
        ID_BIRTH_DATE("id_number.birth_date", "id_number"),
        ID_REGION("id_number.region", "id_number"),
        MOBILE_FORMAT("mobile.format", "mobile"),
        PHONE_FORMAT("phone.format", "other_phones"),
        AMOUNT_FORMAT("amount.format", "interest_outstanding"),
        AMOUNT_NEGATIVE("amount.negative", "principal_outstanding"),
        AMOUNT_SCALE("amount.scale", "fees_outstanding"),
        DATE_FORMAT("date.format", "loan_date"),
        DATE_ORDER("date.order", "due_date"),
        DATE_FUTURE("date.future", "due_date"),
        TERM_RANGE("term.range", "term_months"),
        CURRENCY_UNKNOWN("currency.unknown", "currency"),
        // Reported on the name, the first of the three cells that must be filled together.
        EMERGENCY_CONTACT_INCOMPLETE("emergency_contact.incomplete", "emergency_contact_name"),
        DUPLICATE_IN_FILE("account_ref.duplicate_in_file", "account_ref");

        private final String code;
        private final String field;

        BadRow(String code, String field) {
            this.code = code;
            this.field = field;
        }

        /** The stable error code the intake must report for this row. */
        public String code() {
            return code;
        }

        /** The column, by its English header name, on which the error is reported. */
        public String field() {
            return field;
        }
    }

    /**
     * How many rows a file of a given size and bad fraction holds, to compare with what the intake reports.
     *
     * @param total     the data rows, without the header
     * @param badByKind the bad rows of each kind, every kind present (zero when absent), in declaration order
     * @param valid     the rows that must be accepted
     */
    public record Expected(long total, Map<BadRow, Long> badByKind, long valid) {

        public Expected {
            // Copied into an EnumMap, which keeps declaration order (EnumMap's own copy constructor fails when empty).
            EnumMap<BadRow, Long> copy = new EnumMap<>(BadRow.class);
            copy.putAll(badByKind);
            badByKind = Collections.unmodifiableMap(copy);
        }

        public long bad() {
            return total - valid;
        }
    }

    private static final BadRow[] KINDS = BadRow.values();

    private static final int ACCOUNT_REF = 0;
    private static final int PRODUCT = 1;
    private static final int BORROWER_NAME = 2;
    private static final int ID_NUMBER = 3;
    private static final int MOBILE = 4;
    private static final int OTHER_PHONES = 5;
    private static final int ADDRESS = 6;
    private static final int PROVINCE = 7;
    private static final int CITY = 8;
    private static final int CONTACT_NAME = 9;
    private static final int CONTACT_RELATION = 10;
    private static final int CONTACT_PHONE = 11;
    private static final int LOAN_AMOUNT = 12;
    private static final int TERM_MONTHS = 13;
    private static final int LOAN_DATE = 14;
    private static final int DUE_DATE = 15;
    private static final int PRINCIPAL = 16;
    private static final int INTEREST = 17;
    private static final int FEES = 18;
    private static final int PENALTY = 19;
    private static final int CURRENCY = 20;

    /** Excel's sheet limit is 1,048,576 rows, one of which is the header. */
    private static final long MAX_XLSX_ROWS = 1_048_575;

    private static final int REF_LENGTH_LIMIT = 64;

    /** Due dates fall within this many days before today, so that every delinquency bucket up to M6+ is filled. */
    private static final int DUE_DATE_SPREAD_DAYS = 720;

    private static final long FIRST_BIRTH_DAY = LocalDate.of(1960, 1, 1).toEpochDay();
    private static final long LAST_BIRTH_DAY = LocalDate.of(2003, 12, 31).toEpochDay();

    // Real place names and codes, but every person, ID number and phone number built from them is invented:
    // they only have the right shape and must never be used to contact anyone.

    /** Where borrowers are born and live: a real province code, city code (GB/T 2260) and fixed-line area code. */
    private record Place(String province, String city, String code, String areaCode) {
    }

    private static final Place[] PLACES = {
        new Place("北京市", "北京市", "1101", "010"),
        new Place("天津市", "天津市", "1201", "022"),
        new Place("上海市", "上海市", "3101", "021"),
        new Place("重庆市", "重庆市", "5001", "023"),
        new Place("河北省", "石家庄市", "1301", "0311"),
        new Place("山西省", "太原市", "1401", "0351"),
        new Place("内蒙古自治区", "呼和浩特市", "1501", "0471"),
        new Place("辽宁省", "沈阳市", "2101", "024"),
        new Place("吉林省", "长春市", "2201", "0431"),
        new Place("黑龙江省", "哈尔滨市", "2301", "0451"),
        new Place("江苏省", "南京市", "3201", "025"),
        new Place("江苏省", "苏州市", "3205", "0512"),
        new Place("浙江省", "杭州市", "3301", "0571"),
        new Place("浙江省", "宁波市", "3302", "0574"),
        new Place("安徽省", "合肥市", "3401", "0551"),
        new Place("福建省", "福州市", "3501", "0591"),
        new Place("福建省", "厦门市", "3502", "0592"),
        new Place("江西省", "南昌市", "3601", "0791"),
        new Place("山东省", "济南市", "3701", "0531"),
        new Place("山东省", "青岛市", "3702", "0532"),
        new Place("河南省", "郑州市", "4101", "0371"),
        new Place("湖北省", "武汉市", "4201", "027"),
        new Place("湖南省", "长沙市", "4301", "0731"),
        new Place("广东省", "广州市", "4401", "020"),
        new Place("广东省", "深圳市", "4403", "0755"),
        new Place("广东省", "佛山市", "4406", "0757"),
        new Place("广西壮族自治区", "南宁市", "4501", "0771"),
        new Place("海南省", "海口市", "4601", "0898"),
        new Place("四川省", "成都市", "5101", "028"),
        new Place("贵州省", "贵阳市", "5201", "0851"),
        new Place("云南省", "昆明市", "5301", "0871"),
        new Place("陕西省", "西安市", "6101", "029"),
        new Place("甘肃省", "兰州市", "6201", "0931"),
        new Place("新疆维吾尔自治区", "乌鲁木齐市", "6501", "0991"),
    };

    /** County-level suffixes that exist under each of the cities above. */
    private static final String[] DISTRICTS = {"02", "03", "04", "05", "06"};

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    };

    private static final String[] GIVEN_NAMES = {
        "伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "桂英", "志强",
        "建华", "丽", "华", "平", "刚", "玲", "婷", "浩", "宇", "欣怡", "子涵", "佳",
    };

    private static final String[] PRODUCTS = {"消费分期", "现金贷", "信用卡账单分期", "小微经营贷", "汽车金融", "教育分期"};

    private static final String[] RELATIONS = {"配偶", "父亲", "母亲", "子女", "兄弟", "姐妹", "朋友", "同事"};

    private static final String[] STREETS = {
        "人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "胜利路", "文化路", "长江路", "黄河路", "学府路", "朝阳路",
    };

    private static final String[] ESTATES = {"阳光花园", "锦绣家园", "幸福小区", "翠苑", "金色家园", "滨江华府", "书香门第", "绿城花园"};

    /** Mobile prefixes in ranges libphonenumber knows to be allocated (COMPLIANCE.md C.3, DATA-03). */
    private static final String[] KNOWN_MOBILE_PREFIXES = {
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151", "152",
        "153", "155", "156", "157", "158", "159", "166", "172", "173", "175", "176", "177", "178", "180", "181",
        "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "196", "197", "198", "199",
    };

    /** Prefixes that pass the lenient check but not libphonenumber's, so the intake's range warning is exercised. */
    private static final String[] UNKNOWN_MOBILE_PREFIXES = {"141", "146", "192", "194"};

    private static final int[] TERMS = {3, 6, 9, 12, 18, 24, 36};

    private final long seed;
    private final LocalDate today;
    private final long todayEpochDay;

    public SampleAccounts(long seed, LocalDate today) {
        this.seed = seed;
        this.today = Objects.requireNonNull(today, "today");
        this.todayEpochDay = today.toEpochDay();
    }

    /**
     * Row {@code index}, valid when {@code kind} is null, otherwise carrying exactly that one rejection. Rows are
     * numbered from 1, as the intake numbers data rows after the header, and each is derived from the seed, "today"
     * and its own number alone, so any row can be produced without the ones before it.
     */
    public List<String> row(long index, @Nullable BadRow kind) {
        if (index < 1) {
            throw new IllegalArgumentException("Rows are numbered from 1");
        }
        if (kind == BadRow.DUPLICATE_IN_FILE && index < 2) {
            throw new IllegalArgumentException("The first row has no previous row to repeat");
        }
        Dice dice = new Dice(seed, index);
        String[] cells = validRow(index, dice);
        if (kind != null) {
            // Drawn after the valid cells, so a bad row differs from the valid row of the same index only where spoilt.
            spoil(cells, index, kind, dice);
        }
        return List.of(cells);
    }

    /**
     * The rejection that row {@code index} carries in a file with {@code badFraction} bad rows, or null.
     * Every n-th row is bad, n = 1 / badFraction, cycling through the kinds in declaration order. At most every
     * second row is bad, so that a duplicate always repeats a valid row.
     */
    public @Nullable BadRow badRowAt(long index, double badFraction) {
        return kindAt(index, interval(badFraction));
    }

    /** The counts a file of {@code rows} data rows written with {@code badFraction} must produce. */
    public Expected expected(long rows, double badFraction) {
        if (rows < 0) {
            throw new IllegalArgumentException("The number of rows cannot be negative");
        }
        long interval = interval(badFraction);
        long bad = interval == 0 ? 0 : rows / interval;
        Map<BadRow, Long> byKind = new EnumMap<>(BadRow.class);
        for (BadRow kind : KINDS) {
            byKind.put(kind, bad / KINDS.length + (kind.ordinal() < bad % KINDS.length ? 1 : 0));
        }
        return new Expected(rows, byKind, rows - bad);
    }

    /** Writes a UTF-8 CSV file (no byte-order mark, {@code \n} line ends, RFC 4180 quoting) with a header line. */
    public void writeCsv(Path file, long rows, double badFraction) throws IOException {
        long interval = interval(badFraction);
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            writeCsvLine(out, COLUMNS);
            for (long index = 1; index <= rows; index++) {
                writeCsvLine(out, row(index, kindAt(index, interval)));
            }
        }
    }

    /**
     * Writes an XLSX workbook with one sheet and a header row, streamed so that a million rows fit in little memory.
     * Cells are text, as institutions are told to format ID and phone columns, except amounts (numbers) and the
     * loan and due dates (Excel dates), so that the reader has to convert both; a spoilt amount or an impossible
     * date stays text, since it cannot be written as a number or a date.
     */
    public void writeXlsx(Path file, long rows, double badFraction) throws IOException {
        if (rows > MAX_XLSX_ROWS) {
            throw new IllegalArgumentException("A worksheet holds at most " + MAX_XLSX_ROWS + " data rows");
        }
        long interval = interval(badFraction);
        // In POI 5.5 close() also deletes the temporary sheet files: it calls dispose(), which is now deprecated.
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            workbook.setCompressTempFiles(true);
            DataFormat formats = workbook.createDataFormat();
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            CellStyle amountStyle = workbook.createCellStyle();
            amountStyle.setDataFormat(formats.getFormat("0.00"));
            Sheet sheet = workbook.createSheet("accounts");
            Row header = sheet.createRow(0);
            for (int column = 0; column < COLUMNS.size(); column++) {
                header.createCell(column).setCellValue(COLUMNS.get(column));
            }
            for (long index = 1; index <= rows; index++) {
                BadRow kind = kindAt(index, interval);
                List<String> cells = row(index, kind);
                Row sheetRow = sheet.createRow((int) index);
                for (int column = 0; column < cells.size(); column++) {
                    String value = cells.get(column);
                    // Empty cells are left out, as Excel does, rather than written as empty strings.
                    if (value.isEmpty()) {
                        continue;
                    }
                    Cell cell = sheetRow.createCell(column);
                    boolean spoilt = kind != null && kind.field().equals(COLUMNS.get(column));
                    if (isAmount(column) && !spoilt) {
                        cell.setCellValue(Double.parseDouble(value));
                        cell.setCellStyle(amountStyle);
                    } else if (isDate(column) && !(spoilt && kind == BadRow.DATE_FORMAT)) {
                        cell.setCellValue(LocalDate.parse(value));
                        cell.setCellStyle(dateStyle);
                    } else {
                        cell.setCellValue(value);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }

    private String[] validRow(long index, Dice dice) {
        String[] cells = new String[COLUMNS.size()];
        cells[ACCOUNT_REF] = accountRef(index);
        cells[PRODUCT] = dice.pick(PRODUCTS);
        cells[BORROWER_NAME] = name(dice);

        int term = TERMS[dice.below(TERMS.length)];
        long dueDay = todayEpochDay - 1 - dice.below(DUE_DATE_SPREAD_DAYS);
        // The overdue instalment falls due at least a month after the loan was paid out.
        long loanDay = dueDay - 30 - dice.below(30 * term);

        Place birthPlace = dice.pick(PLACES);
        // Borrowers were adults when they borrowed; a validator may rightly refuse a loan to a minor.
        long lastBirthDay = Math.min(LAST_BIRTH_DAY, LocalDate.ofEpochDay(loanDay).minusYears(18).toEpochDay());
        long birthDay = lastBirthDay > FIRST_BIRTH_DAY
                ? FIRST_BIRTH_DAY + dice.below(lastBirthDay - FIRST_BIRTH_DAY + 1)
                : FIRST_BIRTH_DAY;
        cells[ID_NUMBER] = IdNumber.withCheckCharacter(
                birthPlace.code() + dice.pick(DISTRICTS) + yyyymmdd(birthDay) + digits(dice.below(1000), 3));

        cells[MOBILE] = mobile(dice);
        // Most borrowers still live where they were born.
        Place home = dice.below(10) < 7 ? birthPlace : dice.pick(PLACES);
        cells[OTHER_PHONES] = otherPhones(dice, home);
        cells[ADDRESS] = address(dice, home);
        cells[PROVINCE] = home.province();
        cells[CITY] = home.city();
        boolean hasContact = dice.below(10) < 7;
        cells[CONTACT_NAME] = hasContact ? name(dice) : "";
        cells[CONTACT_RELATION] = hasContact ? dice.pick(RELATIONS) : "";
        cells[CONTACT_PHONE] = hasContact ? mobile(dice) : "";

        long loanCents = (10 + dice.below(991)) * 100_00L;
        long principalCents = loanCents * (500 + dice.below(9_501)) / 10_000;
        cells[LOAN_AMOUNT] = yuan(loanCents);
        cells[TERM_MONTHS] = Integer.toString(term);
        cells[LOAN_DATE] = LocalDate.ofEpochDay(loanDay).toString();
        cells[DUE_DATE] = LocalDate.ofEpochDay(dueDay).toString();
        cells[PRINCIPAL] = yuan(principalCents);
        cells[INTEREST] = yuan(principalCents * dice.below(1_500) / 10_000);
        cells[FEES] = yuan(dice.below(10) < 6 ? 0 : (50 + dice.below(251)) * 100L);
        cells[PENALTY] = yuan(principalCents * dice.below(1_000) / 10_000);
        cells[CURRENCY] = "CNY";
        return cells;
    }

    private void spoil(String[] cells, long index, BadRow kind, Dice dice) {
        String id = cells[ID_NUMBER];
        switch (kind) {
            case REQUIRED -> cells[BORROWER_NAME] = "";
            case TOO_LONG -> {
                StringBuilder ref = new StringBuilder(accountRef(index)).append('-');
                while (ref.length() <= REF_LENGTH_LIMIT) {
                    ref.append('0');
                }
                cells[ACCOUNT_REF] = ref.toString();
            }
            case ID_FORMAT -> cells[ID_NUMBER] = switch (dice.below(3)) {
                case 0 -> id.substring(0, 17);
                case 1 -> id.substring(0, 10) + 'A' + id.substring(11);
                default -> id + '0';
            };
            case ID_CHECKSUM -> {
                int correct = "10X98765432".indexOf(id.charAt(17));
                cells[ID_NUMBER] = id.substring(0, 17) + "10X98765432".charAt((correct + 1 + dice.below(10)) % 11);
            }
            case ID_BIRTH_DATE -> {
                String birth = switch (dice.below(4)) {
                    case 0 -> "19790229"; // 1979 is a common year
                    case 1 -> id.substring(6, 10) + "1315";
                    case 2 -> id.substring(6, 12) + "00";
                    default -> (today.getYear() + 1) + "0101";
                };
                cells[ID_NUMBER] = IdNumber.withCheckCharacter(id.substring(0, 6) + birth + id.substring(14, 17));
            }
            case ID_REGION -> cells[ID_NUMBER] =
                    IdNumber.withCheckCharacter(new String[] {"99", "00", "19"}[dice.below(3)] + id.substring(2, 17));
            case MOBILE_FORMAT -> cells[MOBILE] = dice.below(2) == 0
                    ? "12" + cells[MOBILE].substring(2)
                    : cells[MOBILE].substring(0, 10);
            case PHONE_FORMAT -> {
                String truncated = cells[MOBILE].substring(0, 10);
                cells[OTHER_PHONES] = cells[OTHER_PHONES].isEmpty() ? truncated : cells[OTHER_PHONES] + ";" + truncated;
            }
            case AMOUNT_FORMAT -> cells[INTEREST] = "12a.00";
            case AMOUNT_NEGATIVE -> cells[PRINCIPAL] = "-5.00";
            case AMOUNT_SCALE -> cells[FEES] = "1.234";
            case DATE_FORMAT -> cells[LOAN_DATE] = dice.below(2) == 0 ? "2024-13-45" : "2023-02-29";
            case DATE_ORDER -> cells[DUE_DATE] =
                    LocalDate.parse(cells[LOAN_DATE]).minusDays(1 + dice.below(30)).toString();
            case DATE_FUTURE -> cells[DUE_DATE] = today.plusDays(1 + dice.below(60)).toString();
            case TERM_RANGE -> cells[TERM_MONTHS] = dice.below(2) == 0 ? "0" : "361";
            case CURRENCY_UNKNOWN -> cells[CURRENCY] = "XYZ";
            case EMERGENCY_CONTACT_INCOMPLETE -> {
                if (cells[CONTACT_NAME].isEmpty()) {
                    cells[CONTACT_NAME] = name(dice);
                    cells[CONTACT_RELATION] = dice.pick(RELATIONS);
                }
                cells[CONTACT_PHONE] = "";
            }
            case DUPLICATE_IN_FILE -> cells[ACCOUNT_REF] = accountRef(index - 1);
        }
    }

    private static @Nullable BadRow kindAt(long index, long interval) {
        if (interval == 0 || index % interval != 0) {
            return null;
        }
        return KINDS[(int) ((index / interval - 1) % KINDS.length)];
    }

    /** Every how many rows one is bad, or 0 for none. */
    private static long interval(double badFraction) {
        if (!(badFraction >= 0 && badFraction <= 1)) {
            throw new IllegalArgumentException("The bad fraction must lie between 0 and 1");
        }
        return badFraction == 0 ? 0 : Math.max(2, Math.round(1 / badFraction));
    }

    private static String accountRef(long index) {
        return "LN" + digits(index, 10);
    }

    private static String name(Dice dice) {
        String name = dice.pick(SURNAMES) + dice.pick(GIVEN_NAMES);
        return dice.below(10) < 3 ? name + dice.pick(GIVEN_NAMES) : name;
    }

    private static String mobile(Dice dice) {
        String prefix = dice.below(100) < 97 ? dice.pick(KNOWN_MOBILE_PREFIXES) : dice.pick(UNKNOWN_MOBILE_PREFIXES);
        return prefix + digits(dice.below(100_000_000), 8);
    }

    private static String otherPhones(Dice dice, Place home) {
        int count = switch (dice.below(10)) {
            case 0, 1, 2, 3, 4 -> 0;
            case 5, 6, 7 -> 1;
            default -> 2;
        };
        StringBuilder phones = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                phones.append(';');
            }
            // Some borrowers give a home or office landline besides their mobiles.
            if (dice.below(10) < 2) {
                phones.append(home.areaCode()).append('-')
                        .append(2 + dice.below(7)).append(digits(dice.below(10_000_000), 7));
            } else {
                phones.append(mobile(dice));
            }
        }
        return phones.toString();
    }

    private static String address(Dice dice, Place home) {
        StringBuilder address = new StringBuilder(48);
        if (!home.province().equals(home.city())) {
            address.append(home.province());
        }
        address.append(home.city()).append(dice.pick(STREETS)).append(1 + dice.below(300)).append('号');
        // An ASCII comma in some addresses makes the CSV quote them, as files from real institutions do.
        address.append(dice.below(10) == 0 ? "," : "").append(dice.pick(ESTATES))
                .append(1 + dice.below(30)).append('栋')
                .append(1 + dice.below(4)).append("单元")
                .append(1 + dice.below(30)).append(digits(1 + dice.below(4), 2)).append('室');
        return address.toString();
    }

    private static String yyyymmdd(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        return Integer.toString(date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth());
    }

    /** Amounts are kept in fen (cents) so that no binary fraction ever creeps into a generated figure. */
    private static String yuan(long cents) {
        long fen = cents % 100;
        return (cents / 100) + (fen < 10 ? ".0" : ".") + fen;
    }

    private static String digits(long value, int width) {
        String text = Long.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    private static boolean isAmount(int column) {
        return column == LOAN_AMOUNT || column == PRINCIPAL || column == INTEREST || column == FEES
                || column == PENALTY;
    }

    private static boolean isDate(int column) {
        return column == LOAN_DATE || column == DUE_DATE;
    }

    private static void writeCsvLine(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i);
            if (needsQuotes(cell)) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write('\n');
    }

    private static boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * A SplitMix64 stream seeded from the file seed and the row number, written out here so that generated files
     * never change with a JDK generator's implementation.
     */
    private static final class Dice {

        private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

        private long state;

        Dice(long seed, long index) {
            this.state = mix(seed ^ mix(index * GOLDEN_GAMMA));
        }

        /** A uniform draw from 0 (inclusive) to {@code bound} (exclusive), for bounds up to 2^31. */
        int below(long bound) {
            return (int) (((next() >>> 33) * bound) >>> 31);
        }

        <T> T pick(T[] choices) {
            return choices[below(choices.length)];
        }

        private long next() {
            state += GOLDEN_GAMMA;
            return mix(state);
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
