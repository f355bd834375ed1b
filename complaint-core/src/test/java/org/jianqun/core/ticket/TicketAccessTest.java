package org.jianqun.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.ticket.TicketFixtures.ADMIN;
import static org.jianqun.core.ticket.TicketFixtures.BOOKKEEPER;
import static org.jianqun.core.ticket.TicketFixtures.CADRE;
import static org.jianqun.core.ticket.TicketFixtures.CITY_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.COMPLAINANT;
import static org.jianqun.core.ticket.TicketFixtures.COUNTY_DISCIPLINE;
import static org.jianqun.core.ticket.TicketFixtures.COUNTY_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.MONDAY_MORNING;
import static org.jianqun.core.ticket.TicketFixtures.NEIGHBOUR;
import static org.jianqun.core.ticket.TicketFixtures.NEIGHBOUR_CADRE;
import static org.jianqun.core.ticket.TicketFixtures.OTHER_COUNTY_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.OTHER_TOWN_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.OUTSIDER;
import static org.jianqun.core.ticket.TicketFixtures.RESIDENT_CADRE;
import static org.jianqun.core.ticket.TicketFixtures.TOWN_DISCIPLINE;
import static org.jianqun.core.ticket.TicketFixtures.TOWN_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.VILLAGE;
import static org.jianqun.core.ticket.TicketFixtures.accepted;
import static org.jianqun.core.ticket.TicketFixtures.at;
import static org.jianqun.core.ticket.TicketFixtures.closed;
import static org.jianqun.core.ticket.TicketFixtures.open;
import static org.jianqun.core.ticket.TicketFixtures.other;
import static org.jianqun.core.ticket.TicketFixtures.refused;
import static org.jianqun.core.ticket.TicketFixtures.ticketOf;

import java.time.Instant;
import org.jianqun.core.access.Actor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who may do what to a ticket: role, scope and the ticket's current level (AccessPolicy.decideOnTicket). */
class TicketAccessTest {
    private static final Instant NOW = at("2025-03-03T10:00+08:00");

    private static Ticket atTown() {
        return ticketOf(open().escalate(CADRE, "超出村级权限", NOW));
    }

    private static Ticket atCounty() {
        return ticketOf(atTown().escalate(TOWN_OFFICER, "涉及跨镇", NOW));
    }

    @Nested
    class Registration {
        @Test
        void aVillagerRegistersForThemself() {
            assertThat(accepted(Ticket.register(12, VILLAGE, COMPLAINANT.personId(), COMPLAINANT, NOW)).ticket().complainantId())
                    .isEqualTo(COMPLAINANT.personId());
        }

        @Test
        void aVillagerDoesNotRegisterForSomeoneElse() {
            assertThat(refused(Ticket.register(12, VILLAGE, NEIGHBOUR.personId(), COMPLAINANT, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.VILLAGERS_REPORT_FOR_THEMSELVES, "群众只能反映自己的问题，代为登记请找村干部"));
        }

        @Test
        void aCadreRegistersAFlaggedMessageForItsAuthor() {
            CommandOutcome.Accepted outcome = accepted(Ticket.register(12, VILLAGE, NEIGHBOUR.personId(), CADRE, NOW));
            assertThat(outcome.ticket().complainantId()).isEqualTo(NEIGHBOUR.personId());
            assertThat(outcome.event().by()).isEqualTo(new Initiator.ByActor(CADRE));
        }

        @Test
        void notForAnotherVillageNorByTheAdmin() {
            assertThat(refused(Ticket.register(12, VILLAGE, OUTSIDER.personId(), OUTSIDER, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ACTOR_IN_SCOPE, "不能登记工单：该工单所在村 350521100201 不在你的范围内"));
            assertThat(refused(Ticket.register(12, VILLAGE, COMPLAINANT.personId(), ADMIN, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ROLE_FITS_TICKET_LEVEL, "不能登记工单：管理员无权登记工单"));
        }

        @Test
        void onlyForAValidVillageCode() {
            assertThat(refused(Ticket.register(12, "350521100", COMPLAINANT.personId(), TOWN_OFFICER, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.VALID_VILLAGE_CODE, "村代码无效：“350521100”有 9 位；村的代码有 12 位（如 350521100201）"));
        }
    }

    @Nested
    class Handling {
        @Test
        void theVillageCadreHandlesVillageLevelTicketsOfTheirVillage() {
            assertThat(accepted(open().claim(CADRE, NOW)).ticket().state()).isEqualTo(TicketState.CLAIMED);
        }

        @Test
        void aCadreOfAnotherVillageIsOutOfScope() {
            assertThat(refused(open().claim(NEIGHBOUR_CADRE, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ACTOR_IN_SCOPE, "不能认领工单 #12：该工单所在村 350521100201 不在你的范围内"));
        }

        @Test
        void officersAboveDoNotActOnLowerLevelTickets() {
            assertThat(refused(open().claim(TOWN_OFFICER, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ROLE_FITS_TICKET_LEVEL, "不能认领工单 #12：工单在村级，应由村级干部办理"));
            assertThat(refused(atTown().claim(COUNTY_OFFICER, NOW)).reason()).isEqualTo("不能认领工单 #12：工单在镇级，应由镇级干部办理");
            assertThat(refused(open().setTier(CITY_OFFICER, "特殊", NOW)).rule()).isEqualTo(TicketRule.ROLE_FITS_TICKET_LEVEL);
        }

        @Test
        void theVillageNoLongerActsOnceItIsEscalated() {
            assertThat(refused(atTown().claim(CADRE, NOW)).reason()).isEqualTo("不能认领工单 #12：工单在镇级，应由镇级干部办理");
            assertThat(refused(atTown().escalate(CADRE, "再报", NOW)).rule()).isEqualTo(TicketRule.ROLE_FITS_TICKET_LEVEL);
        }

        @Test
        void eachOfficerHandlesTheirLevelWithinTheirScope() {
            assertThat(accepted(atTown().claim(TOWN_OFFICER, NOW)).ticket().handler().personId()).isEqualTo(TOWN_OFFICER.personId());
            assertThat(refused(atTown().claim(OTHER_TOWN_OFFICER, NOW)).rule()).isEqualTo(TicketRule.ACTOR_IN_SCOPE);
            assertThat(accepted(atCounty().claim(COUNTY_OFFICER, NOW)).ticket().handler().personId()).isEqualTo(COUNTY_OFFICER.personId());
            assertThat(refused(atCounty().claim(OTHER_COUNTY_OFFICER, NOW)).rule()).isEqualTo(TicketRule.ACTOR_IN_SCOPE);
        }

        @Test
        void rolesThatDoNotHandleTicketsAreRefused() {
            assertThat(refused(open().claim(COMPLAINANT, NOW)).reason()).isEqualTo("不能认领工单 #12：群众无权办理工单");
            assertThat(refused(open().claim(BOOKKEEPER, NOW)).reason()).isEqualTo("不能认领工单 #12：报账员无权办理工单");
            assertThat(refused(open().claim(RESIDENT_CADRE, NOW)).reason()).isEqualTo("不能认领工单 #12：驻村干部无权办理工单");
            assertThat(refused(open().claim(TOWN_DISCIPLINE, NOW)).reason()).isEqualTo("不能认领工单 #12：纪检监察干部无权办理工单");
            assertThat(refused(open().claim(ADMIN, NOW)).reason()).isEqualTo("不能认领工单 #12：管理员无权办理工单");
        }

        @Test
        void anOutsiderLearnsNothingAboutTheTicketsState() {
            // Scope is tested before state: the refusal does not reveal that #12 is closed.
            assertThat(refused(closed().claim(NEIGHBOUR_CADRE, NOW)).rule()).isEqualTo(TicketRule.ACTOR_IN_SCOPE);
            assertThat(refused(closed().urge(OUTSIDER, NOW)).rule()).isEqualTo(TicketRule.ACTOR_IN_SCOPE);
        }
    }

    @Nested
    class UrgingAndRating {
        @Test
        void anyoneOfTheVillageUrges() {
            for (Actor villageMember : new Actor[] {COMPLAINANT, NEIGHBOUR, CADRE, BOOKKEEPER, RESIDENT_CADRE, TOWN_OFFICER, COUNTY_DISCIPLINE}) {
                assertThat(accepted(open().urge(villageMember, NOW)).ticket().counts().urged()).as(villageMember.displayName()).isEqualTo(1);
            }
        }

        @Test
        void outsidersAndTheAdminDoNotUrge() {
            assertThat(refused(open().urge(OUTSIDER, NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ACTOR_IN_SCOPE, "不能催办工单 #12：该工单所在村 350521100201 不在你的范围内"));
            assertThat(refused(open().urge(ADMIN, NOW)).reason()).isEqualTo("不能催办工单 #12：管理员无权催办工单");
        }

        @Test
        void anOutsiderCannotRateEvenWithTheComplainantsNumber() {
            Ticket resolved = TicketFixtures.resolved();
            Actor sameIdElsewhere = new Actor(COMPLAINANT.personId(), "冒名", COMPLAINANT.role(), OUTSIDER.scopeCode());
            assertThat(refused(resolved.rate(sameIdElsewhere, "满意", NOW)).rule()).isEqualTo(TicketRule.ACTOR_IN_SCOPE);
            assertThat(refused(resolved.rate(ADMIN, "满意", NOW)).rule()).isEqualTo(TicketRule.ROLE_FITS_TICKET_LEVEL);
        }
    }

    @Nested
    class MergingAndRejecting {
        @Test
        void theVillageCadreMergesButDoesNotReject() {
            assertThat(accepted(open().merge(CADRE, other(7), NOW)).ticket().state()).isEqualTo(TicketState.MERGED);
            assertThat(refused(open().reject(CADRE, "不归村管", NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ROLE_FITS_TICKET_LEVEL, "不能驳回工单 #12：村干部无权驳回工单"));
        }

        @Test
        void theOfficerOfTheTicketsLevelRejects() {
            assertThat(accepted(atTown().reject(TOWN_OFFICER, "属诉讼事项", NOW)).ticket().state()).isEqualTo(TicketState.REJECTED);
            assertThat(refused(open().reject(TOWN_OFFICER, "属诉讼事项", NOW)).reason()).isEqualTo("不能驳回工单 #12：工单在村级，应由村级干部办理");
            assertThat(refused(atTown().merge(CADRE, other(7), NOW)).rule()).isEqualTo(TicketRule.ROLE_FITS_TICKET_LEVEL);
        }

        @Test
        void disciplineOfficersMergeAndRejectUpToTheirOwnLevel() {
            assertThat(accepted(open().reject(TOWN_DISCIPLINE, "重复反映", NOW)).ticket().state()).isEqualTo(TicketState.REJECTED);
            assertThat(accepted(atTown().merge(TOWN_DISCIPLINE, other(7), NOW)).ticket().state()).isEqualTo(TicketState.MERGED);
            assertThat(refused(atCounty().reject(TOWN_DISCIPLINE, "重复反映", NOW)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ROLE_FITS_TICKET_LEVEL, "不能驳回工单 #12：工单已在县级，超出你的纪检监察层级"));
            assertThat(accepted(atCounty().reject(COUNTY_DISCIPLINE, "重复反映", NOW)).ticket().state()).isEqualTo(TicketState.REJECTED);
        }

        @Test
        void villagersDoNotMerge() {
            assertThat(refused(open().merge(COMPLAINANT, other(7), NOW)).reason()).isEqualTo("不能合并工单 #12：群众无权合并工单");
        }
    }

    @Test
    void theRegistrationInstantStartsTheClocks() {
        Ticket ticket = open();
        assertThat(ticket.registeredAt()).isEqualTo(MONDAY_MORNING);
        assertThat(ticket.arrivedAt()).isEqualTo(MONDAY_MORNING);
        assertThat(ticket.handlingFrom()).isEqualTo(MONDAY_MORNING);
    }
}
