package org.jianqun.core.importing;

import org.jianqun.core.organisation.DivisionCode;

/** The part of the tree an import may touch: the importing admin's scope (null code: all of it). */
record ImportScope(String code) {
    boolean isPlatformWide() {
        return code == null;
    }

    boolean covers(String regionCode) {
        return code == null || DivisionCode.covers(code, regionCode);
    }

    String outside(String regionCode) {
        return "区划 " + regionCode + " 不在你的范围（" + code + "）内";
    }
}
