package org.recourse.compliance.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.compliance.screening.Recipient.BORROWER;
import static org.recourse.compliance.screening.Recipient.THIRD_PARTY;
import static org.recourse.compliance.screening.ScreeningOutcome.ALLOW;
import static org.recourse.compliance.screening.ScreeningOutcome.BLOCK;
import static org.recourse.compliance.screening.ScreeningOutcome.REVIEW;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The screening engine on messages as collectors write them, in Chinese and English: each category found
 * and not found, negation that rescues a term and negation that does not, disclosure to third parties,
 * personal data with valid and invalid check digits, and offsets exact to the char. Spoken channels are
 * used where the disclosure check (C9, written messages only) would only add noise.
 */
class ScreeningEngineTests {

    static final ScreeningEngine ENGINE = new ScreeningEngine(ScreeningTerms.load(ScreeningDesk.TERMS));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    static ScreeningResult toBorrower(String text) {
        return ENGINE.screen(text, ScreenedChannel.VOICE, BORROWER, TODAY);
    }

    static ScreeningResult toThirdParty(String text) {
        return ENGINE.screen(text, ScreenedChannel.VOICE, THIRD_PARTY, TODAY);
    }

    static List<String> rules(ScreeningResult result) {
        return result.findings().stream().map(ScreeningFinding::ruleId).toList();
    }

    /** Each finding as the text it covers, to check offsets against what a reader sees. */
    static List<String> spans(String text, ScreeningResult result) {
        return result.findings().stream().map(finding -> text.substring(finding.start(), finding.end())).toList();
    }

    @Nested
    class Threats {

        @Test
        void blocksAThreatToSendSomeone() {
            String text = "你再不还钱，小心我找人收拾你";
            ScreeningResult result = toBorrower(text);

            assertThat(result.outcome()).isEqualTo(BLOCK);
            assertThat(result.findings()).containsExactly(new ScreeningFinding(ScreeningCategory.C1,
                    "CONTENT.C1_THREAT", BLOCK, 9, 14, "找人收拾你"));
        }

        @Test
        void blocksThreatsInEnglishWhateverTheCase() {
            assertThat(rules(toBorrower("Pay up or we will KILL you."))).contains("CONTENT.C1_THREAT");
            assertThat(toBorrower("You'll regret ignoring our calls").outcome()).isEqualTo(BLOCK);
            assertThat(toBorrower("We know where you live.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void matchesEnglishTermsAsWholeWordsOnly() {
            assertThat(toBorrower("Our skilled team can set up a payment plan for you.").outcome()).isEqualTo(ALLOW);
        }

        @Test
        void takesAVisitAloneForNoThreatButAVisitToSortYouOutForOne() {
            assertThat(toBorrower("我们今天就上门").outcome()).isEqualTo(ALLOW);
            assertThat(toBorrower("我们不会上门").outcome()).isEqualTo(ALLOW);
            String text = "明天找人上门收拾你";
            ScreeningResult threat = toBorrower(text);
            assertThat(threat.outcome()).isEqualTo(BLOCK);
            assertThat(spans(text, threat)).containsExactly("上门收拾");
        }

        @Test
        void seesThroughSpacesAndInvisibleCharactersInsideATerm() {
            String spaced = "信不信我弄 死 你";
            ScreeningResult result = toBorrower(spaced);
            assertThat(result.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.start()).isEqualTo(4);
                assertThat(finding.end()).isEqualTo(9);
                assertThat(finding.term()).isEqualTo("弄死你");
            });
            assertThat(toBorrower("弄\u200B死你").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void asksForReviewOfVeiledThreats() {
            ScreeningResult result = toBorrower("今天不处理，后果自负");
            assertThat(result.outcome()).isEqualTo(REVIEW);
            assertThat(rules(result)).containsExactly("CONTENT.C1_VEILED_THREAT");
        }
    }

    @Nested
    class Negation {

        @ParameterizedTest
        @ValueSource(strings = {
                "我们不会找人收拾你，请放心。",
                "我们绝不会上门收拾你",
                "我们不会再联系你的家人",
                "请放心，我们不会通知你的同事",
                "We will not tell your employer.",
                "We are not going to publish your name anywhere.",
                "Nobody will hurt you.",
                "请通过官方App还款，不收取任何手续费。",
                "请勿向任何个人账户转账。"})
        void rescuesATermTheNegatorGoverns(String text) {
            assertThat(toBorrower(text).findings()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "不还就坐牢",
                "你要是不还钱就等着坐牢吧",
                "如果没有还款，我们就让你坐牢",
                "你没还钱我们就找人收拾你",
                "你不要逼我找人收拾你",
                "我们不会放弃，我们会找人收拾你",
                "我们是不会放过你的",
                "If you don't pay, we will tell your employer.",
                "if you do not pay we will tell your employer",
                "If you don't call us back we will call your employer"})
        void doesNotRescueATermWhenTheNegationIsTheDebtorsOrInAnotherClause(String text) {
            assertThat(toBorrower(text).outcome()).as(text).isEqualTo(BLOCK);
        }

        @Test
        void reportsTheConditionalThreatAsOneFinding() {
            String text = "不还就坐牢";
            ScreeningResult result = toBorrower(text);
            assertThat(result.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.category()).isEqualTo(ScreeningCategory.C4);
                assertThat(finding.start()).isZero();
                assertThat(finding.end()).isEqualTo(5);
            });
        }
    }

    @Nested
    class InsultsImpersonationAndLegalConsequences {

        @Test
        void blocksInsults() {
            String text = "你这个老赖，真不要脸";
            ScreeningResult result = toBorrower(text);
            assertThat(result.outcome()).isEqualTo(BLOCK);
            assertThat(spans(text, result)).containsExactly("老赖", "不要脸");
            assertThat(toBorrower("Listen, you deadbeat.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void asksForReviewOfWordsThatInsultOnlySometimes() {
            ScreeningResult result = toBorrower("请谨防骗子冒充我司客服");
            assertThat(result.outcome()).isEqualTo(REVIEW);
            assertThat(rules(result)).containsExactly("CONTENT.C2_POSSIBLE_INSULT");
        }

        @Test
        void blocksImpersonatingThePoliceAndCourts() {
            assertThat(rules(toBorrower("我是公安局的，你的案子已经转过来了"))).containsExactly("CONTENT.C3_IMPERSONATION");
            assertThat(rules(toBorrower("法院传票已下达，请配合"))).contains("CONTENT.C3_IMPERSONATION");
            assertThat(toBorrower("This is the police department calling.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void asksForReviewOfALawyersLetter() {
            ScreeningResult result = toBorrower("我是某某律师事务所的律师，现就您的欠款事宜与您联系");
            assertThat(result.outcome()).isEqualTo(REVIEW);
            assertThat(rules(result)).containsOnly("CONTENT.C3_LEGAL_LETTER");
        }

        @Test
        void blocksFalseLegalConsequences() {
            String text = "再不还款将冻结你所有银行卡并列入全国黑名单";
            ScreeningResult result = toBorrower(text);
            assertThat(result.outcome()).isEqualTo(BLOCK);
            // "黑名单" and "全国黑名单" lie inside the longer term and are not reported again.
            assertThat(spans(text, result)).containsExactly("冻结你所有银行卡", "列入全国黑名单");
            assertThat(toBorrower("You will go to jail for this.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void allowsTrueStatementsAboutCreditReporting() {
            assertThat(toBorrower("逾期将按合同约定报送个人征信，请尽快还款。").outcome()).isEqualTo(ALLOW);
        }
    }

    @Nested
    class Disclosure {

        @Test
        void blocksThreatsToShameTheBorrower() {
            String text = "再不还就爆你通讯录，发朋友圈曝光你";
            ScreeningResult result = toBorrower(text);
            assertThat(result.outcome()).isEqualTo(BLOCK);
            assertThat(spans(text, result)).containsExactly("爆你通讯录", "发朋友圈曝光");
            assertThat(toBorrower("We will tell your employer about this.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void allowsAskingAThirdPartyToPassOnAMessage() {
            assertThat(toThirdParty("您好，请转告张三尽快与我们联系，谢谢。").outcome()).isEqualTo(ALLOW);
            assertThat(toThirdParty("Please ask John to call us back.").outcome()).isEqualTo(ALLOW);
        }

        @Test
        void blocksAnythingThatRevealsTheDebtToAThirdParty() {
            String text = "请转告张三，他的借款已经逾期";
            ScreeningResult result = toThirdParty(text);
            assertThat(result.outcome()).isEqualTo(BLOCK);
            assertThat(result.findings()).extracting(ScreeningFinding::ruleId)
                    .containsOnly("CONTENT.C5_DEBT_TO_THIRD_PARTY");
            assertThat(spans(text, result)).containsExactly("借款", "逾期");
            assertThat(toThirdParty("Please ask John to call us about his overdue loan.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void doesNotLetANegationHideTheDebtFromAThirdParty() {
            String text = "他没有欠款，只是想确认一下他的联系方式";
            assertThat(toThirdParty(text).outcome()).isEqualTo(BLOCK);
            // The same words to the borrower reveal nothing to anyone else.
            assertThat(toBorrower(text).outcome()).isEqualTo(ALLOW);
        }

        @Test
        void allowsTalkingAboutTheDebtWithTheBorrower() {
            assertThat(toBorrower("您好，您的账单已逾期3天，请尽快还款。").outcome()).isEqualTo(ALLOW);
        }
    }

    @Nested
    class PressurePaymentAndPretext {

        @Test
        void blocksPressureToBorrowOrSell() {
            String text = "实在没钱就去借网贷还，或者找亲戚借";
            assertThat(spans(text, toBorrower(text))).containsExactly("去借网贷还", "找亲戚借");
            assertThat(toBorrower("Just borrow from friends, like everyone does.").outcome()).isEqualTo(BLOCK);
            assertThat(toBorrower("Sell your car if you have to.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void allowsOfferingAnInstalmentPlan() {
            assertThat(toBorrower("如有困难，可申请分期还款。").outcome()).isEqualTo(ALLOW);
        }

        @Test
        void blocksPaymentToPrivateAccountsAndExtraFees() {
            String text = "加我微信转账，另收上门费200元";
            // "微信转账" overlaps "加我微信" in the same rule and is not reported again.
            assertThat(spans(text, toBorrower(text))).containsExactly("加我微信", "上门费");
            assertThat(toBorrower("Pay me directly via Venmo.").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void blocksMisleadingPretexts() {
            assertThat(rules(toBorrower("您有快递未签收，请回电"))).contains("CONTENT.C8_MISLEADING_PRETEXT");
            assertThat(toBorrower("恭喜您中奖，请回电领取").outcome()).isEqualTo(BLOCK);
            assertThat(toBorrower("Congratulations, you've won a prize!").outcome()).isEqualTo(BLOCK);
        }
    }

    @Nested
    class MandatoryDisclosures {

        @Test
        void asksForReviewOfAWrittenMessageWithoutInstitutionOrBadge() {
            ScreeningResult result = ENGINE.screen("您的借款已逾期，请尽快还款。", ScreenedChannel.SMS, BORROWER, TODAY);

            assertThat(result.outcome()).isEqualTo(REVIEW);
            assertThat(result.findings()).containsExactly(
                    new ScreeningFinding(ScreeningCategory.C9, "CONTENT.C9_BADGE_NUMBER", REVIEW, 0, 0, "badge"),
                    new ScreeningFinding(ScreeningCategory.C9, "CONTENT.C9_INSTITUTION_NAME", REVIEW, 0, 0,
                            "institution"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "【某某消费金融】您的借款已逾期，请尽快还款。工号：A1024",
                "{{institution}}提醒您：您的借款已逾期，请尽快还款。工号{{badge}}",
                "{{ Institution }}: your payment is overdue. Badge no. 7731"})
        void allowsAWrittenMessageThatNamesBoth(String text) {
            assertThat(ENGINE.screen(text, ScreenedChannel.SMS, BORROWER, TODAY).findings()).isEmpty();
        }

        @Test
        void asksNothingOfSpokenMessagesOrMessagesToThirdParties() {
            String text = "请转告张三尽快回电";
            assertThat(ENGINE.screen(text, ScreenedChannel.AI_VOICE, BORROWER, TODAY).findings()).isEmpty();
            assertThat(ENGINE.screen(text, ScreenedChannel.SMS, THIRD_PARTY, TODAY).findings()).isEmpty();
        }

        @Test
        void blocksATemplateWithoutThePlaceholders() {
            ScreeningResult result = ENGINE.screenTemplate("您的借款已逾期，请尽快还款。工号A1024",
                    ScreenedChannel.SMS, BORROWER, TODAY);

            assertThat(result.blocked()).isTrue();
            assertThat(result.findings()).extracting(ScreeningFinding::ruleId, ScreeningFinding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CONTENT.C9_BADGE_NUMBER", BLOCK),
                            org.assertj.core.groups.Tuple.tuple("CONTENT.C9_INSTITUTION_NAME", BLOCK));
        }

        @Test
        void approvesATemplateWithBothPlaceholdersOnEveryChannel() {
            for (ScreenedChannel channel : ScreenedChannel.values()) {
                assertThat(ENGINE.screenTemplate("{{institution}}提醒您，账单已到期，请及时处理。工号{{badge}}",
                        channel, BORROWER, TODAY).outcome()).as(channel.name()).isEqualTo(ALLOW);
            }
        }

        @Test
        void screensATemplateForEverythingElseToo() {
            ScreeningResult result = ENGINE.screenTemplate("{{institution}}：不还就坐牢。工号{{badge}}",
                    ScreenedChannel.SMS, BORROWER, TODAY);
            assertThat(rules(result)).containsExactly("CONTENT.C4_FALSE_LEGAL_CONSEQUENCE");
            assertThat(ENGINE.screenTemplate("请转告{{name}}尽快回电", ScreenedChannel.SMS, THIRD_PARTY, TODAY)
                    .outcome()).isEqualTo(ALLOW);
        }
    }

    @Nested
    class PersonalData {

        @Test
        void blocksAFullIdNumberWithItsExactSpan() {
            String text = "您的身份证号11010519491231002X已登记";
            ScreeningResult result = toBorrower(text);

            assertThat(result.findings()).containsExactly(new ScreeningFinding(ScreeningCategory.C10,
                    "CONTENT.C10_ID_NUMBER", BLOCK, 6, 24, "id_number"));
            assertThat(result.toString()).doesNotContain("11010519491231002X");
        }

        @ParameterizedTest
        @ValueSource(strings = {"110105194912310021", "110105194902300020", "110105209912310029"})
        void passesNumbersThatAreNoIdNumber(String wrong) {
            // Wrong check character, 30 February, born in 2099 (COMPLIANCE.md §C.1); none passes Luhn either.
            assertThat(toBorrower("证件号 " + wrong).findings()).isEmpty();
        }

        @Test
        void blocksABankCardWrittenInGroups() {
            String text = "请转入卡号 6216 2610 0000 0000 018 即可";
            ScreeningResult result = toBorrower(text);

            assertThat(rules(result)).containsExactly("CONTENT.C10_BANK_CARD");
            assertThat(spans(text, result)).containsExactly("6216 2610 0000 0000 018");
            assertThat(toBorrower("card 4111111111111111").outcome()).isEqualTo(BLOCK);
            assertThat(toBorrower("卡号5200831111111113").outcome()).isEqualTo(BLOCK);
        }

        @Test
        void passesANumberThatFailsLuhn() {
            assertThat(toBorrower("卡号6216261000000000017").findings()).isEmpty();
            assertThat(toBorrower("借据号2026112500012345").findings()).isEmpty();
        }

        @Test
        void allowsAMobileNumberToTheBorrowerButNotToAThirdParty() {
            String text = "请让他回电 138-1234-5678";
            assertThat(toBorrower(text).findings()).isEmpty();
            ScreeningResult result = toThirdParty(text);
            assertThat(result.outcome()).isEqualTo(BLOCK);
            assertThat(spans(text, result)).containsExactly("138-1234-5678");
            assertThat(result.findings().get(0).term()).isEqualTo("mobile");
        }

        @Test
        void findsMobileNumbersWithCountryCodeInFullWidthAndBesideOtherNumbers() {
            String plus = "电话 +86 138 1234 5678";
            assertThat(spans(plus, toThirdParty(plus))).containsExactly("86 138 1234 5678");
            String wide = "电话１３８１２３４５６７８";
            assertThat(toThirdParty(wide).findings()).singleElement().satisfies(finding -> {
                assertThat(finding.start()).isEqualTo(2);
                assertThat(finding.end()).isEqualTo(13);
            });
            String beside = "共 1000 13812345678";
            assertThat(spans(beside, toThirdParty(beside))).containsExactly("13812345678");
        }

        @Test
        void passesAMaskedNumber() {
            assertThat(toThirdParty("请让尾号138****5678的机主回电").findings()).isEmpty();
        }
    }

    @Nested
    class Offsets {

        @Test
        void countsJavaCharsSoAnEmojiCountsTwo() {
            String text = "😀😀 我们会找人收拾你";
            ScreeningFinding finding = toBorrower(text).findings().get(0);

            assertThat(finding.start()).isEqualTo(8);
            assertThat(finding.end()).isEqualTo(13);
            assertThat(text.substring(finding.start(), finding.end())).isEqualTo("找人收拾你");
        }

        @Test
        void mapsFullWidthAndMixedCaseBackToTheOriginal() {
            String text = "关于您的ＤＥＢＴ, please call";
            ScreeningResult result = toThirdParty(text);
            assertThat(result.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.start()).isEqualTo(4);
                assertThat(finding.end()).isEqualTo(8);
                assertThat(finding.term()).isEqualTo("debt");
            });
        }

        @Test
        void ordersFindingsAsTheyStandInTheText() {
            String text = "恭喜您中奖！不还就坐牢，我找人收拾你";
            assertThat(toBorrower(text).findings()).extracting(ScreeningFinding::category)
                    .containsExactly(ScreeningCategory.C8, ScreeningCategory.C4, ScreeningCategory.C1);
        }
    }

    @Nested
    class Outcome {

        @Test
        void blocksWhenAnyFindingBlocksEvenBesideReviews() {
            ScreeningResult result = ENGINE.screen("后果自负，我找人收拾你", ScreenedChannel.SMS, BORROWER, TODAY);
            assertThat(result.outcome()).isEqualTo(BLOCK);
            assertThat(result.findings()).extracting(ScreeningFinding::severity).contains(REVIEW, BLOCK);
        }

        @Test
        void carriesTheTermsVersion() {
            assertThat(toBorrower("您好").termsVersion()).isEqualTo("1");
        }

        @Test
        void neverReportsCadenceFromText() {
            ScreeningResult result = toBorrower("呼死你，一天打你一百遍电话");
            assertThat(result.findings()).extracting(ScreeningFinding::category).doesNotContain(ScreeningCategory.C11);
        }
    }
}
