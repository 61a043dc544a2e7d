package dev.stracewb.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhpUserIniRuleTest {

    @Test
    void missingUserIniIsAPhpFpmNormalMiss() {
        assertThat(NormalMissRules.classify("/var/www/.user.ini", "ENOENT", MissContext.empty()))
                .map(NormalMissRule::name).contains("php-user-ini");
    }

    @Test
    void unreadableUserIniIsNotNormal() {
        assertThat(NormalMissRules.classify("/var/www/.user.ini", "EACCES", MissContext.empty())).isEmpty();
    }
}
