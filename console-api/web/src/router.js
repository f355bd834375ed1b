import { createRouter, createWebHistory } from 'vue-router'
import { loadMe, session } from './api.js'
import { can } from './roles.js'

// Pages load when first opened: the login page carries neither the charts nor the tables.
const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true, title: '登录' } },
  { path: '/', redirect: () => (session.me ? can.home(session.me) : '/login') },
  { path: '/tickets', name: 'tickets', component: () => import('./views/TicketsView.vue'), meta: { title: '工单', need: 'tickets' } },
  { path: '/tickets/:no', name: 'ticket', component: () => import('./views/TicketDetailView.vue'), meta: { title: '工单详情', need: 'tickets' } },
  { path: '/patrol', name: 'patrol', component: () => import('./views/PatrolView.vue'), meta: { title: '网巡', need: 'patrol' } },
  { path: '/clues', name: 'clues', component: () => import('./views/CluesView.vue'), meta: { title: '线索库', need: 'patrol' } },
  { path: '/stats', name: 'stats', component: () => import('./views/StatsView.vue'), meta: { title: '统计', need: 'stats' } },
  { path: '/disclosure', name: 'disclosure', component: () => import('./views/DisclosureView.vue'), meta: { title: '三务公开', need: 'disclosure' } },
  { path: '/polls', name: 'polls', component: () => import('./views/PollsView.vue'), meta: { title: '民意调查', need: 'polls' } },
  { path: '/polls/:id', name: 'poll', component: () => import('./views/PollResultsView.vue'), meta: { title: '调查结果', need: 'polls' } },
  { path: '/admin', name: 'admin', component: () => import('./views/AdminView.vue'), meta: { title: '管理', need: 'admin' } },
  { path: '/:rest(.*)*', name: 'missing', component: () => import('./views/MissingView.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({ history: createWebHistory('/console/'), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  try {
    const me = await loadMe()
    if (!me) return { name: 'login', query: { next: to.fullPath } }
    if (to.meta.need && !can[to.meta.need](me)) return can.home(me)
  } catch {
    return { name: 'login', query: { next: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  document.title = (to.meta.title ? to.meta.title + ' · ' : '') + '监群工作台'
})
